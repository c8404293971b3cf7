/* The system's SQLite 3 C API as Swift sees it (libsqlite3-dev). Debian 12 ships 3.40; the server needs
 * 3.35 or later, for RETURNING. Nothing is wrapped: the API has no macros the server calls. */
#ifndef CSQLITE3_SHIM_H
#define CSQLITE3_SHIM_H

#include <sqlite3.h>

#endif
