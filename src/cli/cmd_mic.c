/* mic: the microphone check on its own: the level meter of an input device
 * until a key, then what it heard. */
#include "cli.h"
#include "../io/answer_recorder.h"
#include "../io/mic_check.h"
#include "../io/terminal.h"

#include <getopt.h>

static const char USAGE[] =
    "Usage: rehearse mic [--device NAME|INDEX]\n\n"
    "Checks a microphone before an interview: names the input device and shows\n"
    "its level meter until q (or s, Esc, Enter) is pressed, then says whether it\n"
    "heard a voice, or warns when nothing comes in, only a faint signal, or a level\n"
    "that clips. Through a pipe it writes the level once a second until a line or\n"
    "the end of input. `rehearse run` makes the same check, for a few seconds,\n"
    "before the first spoken question.\n\n"
    "Options:\n"
    "  --device NAME|INDEX  input device to check (`rehearse devices`); default:\n"
    "                       the default input\n"
    "  -h, --help           show this help\n";

static int mic_exec(int argc, char **argv)
{
    static const struct option options[] = {
        {"device", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    const char *device_spec = NULL;
    struct diag err;
    struct terminal *term = NULL;
    struct sound_capture *cap = NULL;
    int c, device, rc = CLI_FAILURE;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c != 'd')
            return cli_other_option(&cmd_mic_entry, c);
        device_spec = optarg;
    }
    if (optind < argc)
        return cli_usage_error(&cmd_mic_entry, "unexpected argument '%s'", argv[optind]);
    terminal_hold_signals(); /* until the terminal catches them */
    const struct audio_api *api = audio_api_load(&err);
    if (api == NULL || api->open(&err) != REH_OK) {
        cli_error("%s", err.message);
        return CLI_FAILURE;
    }
    int found = api->find_input(device_spec, &device, &err);
    if (found == REH_OK)
        cap = api->capture_start(device, ANSWER_RECORDER_DEFAULT_RATE, &err);
    if (cap == NULL || terminal_open(&term, &err) != REH_OK) {
        cli_error("%s", err.message);
        rc = found == REH_EDATA ? CLI_USAGE : CLI_FAILURE;
        goto done;
    }
    struct mic_check mc = {
        .api = api, .cap = cap, .term = term, .rate = ANSWER_RECORDER_DEFAULT_RATE};
    mic_check_until_key(&mc);
    int sig = terminal_signal(term);
    rc = sig != 0 ? 128 + sig : CLI_OK;
done:
    terminal_close(term);
    if (cap != NULL)
        api->capture_stop(cap, &err);
    api->close();
    return rc;
}

const struct cli_command cmd_mic_entry = {
    .name = "mic",
    .summary = "check a microphone: its level meter until a key",
    .usage = USAGE,
    .exec = mic_exec,
};
