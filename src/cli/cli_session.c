/* cli_session: what the commands that take a SESSION share: finding it in
 * the data home and reading its session.json. */
#include "cli.h"
#include "../io/paths.h"
#include "../io/sessions.h"
#include "../io/store.h"

int cli_open_session(const char *spec, char dir[PATH_MAX], struct transcript *t)
{
    char home[PATH_MAX];
    struct diag err;
    if (paths_home(home) != 0) {
        cli_error("no data home: set REHEARSE_HOME (or HOME)");
        return CLI_FAILURE;
    }
    int rc = sessions_find(home, spec, dir, &err);
    if (rc == REH_OK)
        rc = store_load(dir, t, &err);
    if (rc != REH_OK) {
        cli_error("%s", err.message);
        return diag_exit_code(rc);
    }
    return CLI_OK;
}
