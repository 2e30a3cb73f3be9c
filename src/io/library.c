/* library: scenario and bank lookup by id through paths. */
#include "library.h"
#include "paths.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int library_source(const char *path, char abs[PATH_MAX], char sha256[LIBRARY_SHA256_HEX],
                   struct diag *err)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE], block[8192];
    size_t n;
    FILE *f = realpath(path, abs) != NULL ? fopen(abs, "rb") : NULL;
    if (f == NULL)
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(errno));
    sha256_init(&ctx);
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        sha256_update(&ctx, n, block);
    int failed = ferror(f);
    fclose(f);
    if (failed)
        return diag_set(err, REH_EIO, "cannot read %s: %s", path, strerror(EIO));
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(sha256 + 2 * i, 3, "%02x", digest[i]);
    return REH_OK;
}

int library_open_bank(const char *id, struct bank *bank, struct diag *err)
{
    char path[PATH_MAX];
    memset(bank, 0, sizeof *bank);
    if (paths_find(PATHS_BANKS, id, path, err) != REH_OK)
        return diag_set(err, REH_EDATA,
                        "no bank '%s' found; put %s.yaml in $XDG_CONFIG_HOME/rehearse/banks or "
                        "check the 'bank' key",
                        id, id);
    return bank_load(bank, path, err);
}

int library_open(const char *arg, struct scenario *sc, struct bank *bank, struct diag *err)
{
    char path[PATH_MAX];
    int rc;

    memset(sc, 0, sizeof *sc);
    memset(bank, 0, sizeof *bank);
    if (paths_is_file(arg)) {
        rc = scenario_load(sc, arg, err);
    } else if (paths_find(PATHS_SCENARIOS, arg, path, err) == REH_OK) {
        rc = scenario_load(sc, path, err);
    } else {
        return diag_set(err, REH_EDATA,
                        "no scenario '%s'; `rehearse scenarios` lists them, or give a file path",
                        arg);
    }
    if (rc != REH_OK)
        return rc;
    if (paths_find(PATHS_BANKS, sc->bank_id, path, err) != REH_OK)
        rc = diag_at(err, sc->path, sc->bank_line, sc->bank_column,
                     "unknown bank '%s'; put %s.yaml in $XDG_CONFIG_HOME/rehearse/banks",
                     sc->bank_id, sc->bank_id);
    else
        rc = bank_load(bank, path, err);
    if (rc == REH_OK)
        rc = scenario_resolve(sc, bank, err);
    if (rc != REH_OK) {
        scenario_free(sc);
        bank_free(bank);
    }
    return rc;
}
