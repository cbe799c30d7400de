#ifndef WORKBENCH_CSQLITE_SHIM_H
#define WORKBENCH_CSQLITE_SHIM_H
/* sqlite3 plus what Swift cannot import from it: SQLITE_TRANSIENT is a cast macro. */
#include <sqlite3.h>

static inline int wb_sqlite3_bind_text_transient(sqlite3_stmt *s, int i, const char *v, int n) {
    return sqlite3_bind_text(s, i, v, n, SQLITE_TRANSIENT);
}
static inline int wb_sqlite3_bind_blob_transient(sqlite3_stmt *s, int i, const void *v, int n) {
    return sqlite3_bind_blob(s, i, v, n, SQLITE_TRANSIENT);
}
#endif
