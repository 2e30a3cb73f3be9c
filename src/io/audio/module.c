/* module: the table the audio module exports to the program. */
#include "../audio_api.h"
#include "pronounce.h"

extern const struct audio_api rehearse_audio_api;

const struct audio_api rehearse_audio_api = {
    .version = AUDIO_API_VERSION,
    .open = sound_open,
    .close = sound_close,
    .list_devices = sound_list_devices,
    .find_input = sound_find_input,
    .capture_start = sound_capture_start,
    .capture_attach = sound_capture_attach,
    .capture_detach = sound_capture_detach,
    .capture_check = sound_capture_check,
    .capture_peek = sound_capture_peek,
    .capture_device = sound_capture_device,
    .capture_stop = sound_capture_stop,
    .play_file = sound_play_file,
    .recorder_open = recorder_open,
    .recorder_set_paused = recorder_set_paused,
    .recorder_stats = recorder_stats,
    .recorder_check = recorder_check,
    .recorder_close = recorder_close,
    .read_wav = recognizer_read_wav,
    .recognize = recognizer_run,
    .transcription_open = transcription_open,
    .transcription_close = transcription_close,
    .transcription_start = transcription_start,
    .transcription_finish = transcription_finish,
    .phones = pronounce_phones,
    .say = speaker_say,
    .speaking = speaker_speaking,
    .stop_saying = speaker_stop,
};
