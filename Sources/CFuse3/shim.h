/* The libfuse3 low-level API as Swift sees it. Pinned to the 3.14 API, the oldest libfuse we ship
 * against (Debian 12). At 3.12+ fuse_session_loop_mt is a real function rather than a macro, so Swift
 * can call it. */
#ifndef CFUSE3_SHIM_H
#define CFUSE3_SHIM_H

#define FUSE_USE_VERSION 314 /* FUSE_MAKE_VERSION(3, 14) */
#include <fuse_lowlevel.h>
#include <sys/xattr.h> /* getxattr and friends, which the Glibc module leaves out */

#endif
