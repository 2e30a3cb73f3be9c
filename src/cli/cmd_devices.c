/* devices: lists the audio input and output devices. */
#include "cli.h"
#include "../io/audio_api.h"

static const char USAGE[] =
    "Usage: rehearse devices [--json]\n\n"
    "Lists the audio devices PortAudio sees: index, whether it is the default input\n"
    "or output, input and output channels, default sample rate, name and host API.\n"
    "Give `rehearse run --device NAME|INDEX` an input device to record from.\n\n"
    "Options:\n"
    "  --json      print a JSON array (index, name, host_api, input_channels,\n"
    "              output_channels, default_sample_rate, default_input, default_output)\n"
    "  -h, --help  show this help\n";

static int devices_exec(int argc, char **argv)
{
    int json = 0;
    struct diag err;
    int parsed = cli_simple_options(&cmd_devices_entry, argc, argv, &json, 0);
    if (parsed != CLI_PARSED)
        return parsed;
    const struct audio_api *api = audio_api_load(&err);
    int rc = api != NULL ? api->open(&err) : REH_EIO;
    if (rc == REH_OK) {
        rc = api->list_devices(stdout, json, &err);
        api->close();
    }
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    return CLI_OK;
}

const struct cli_command cmd_devices_entry = {
    .name = "devices",
    .summary = "list audio input and output devices",
    .usage = USAGE,
    .exec = devices_exec,
};
