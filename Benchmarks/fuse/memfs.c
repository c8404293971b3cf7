/*
 * memfs: the floor of FUSE itself for Benchmarks/fuse. A minimal libfuse3 low-level file system that serves,
 * read-only and from memory, a copy of a directory tree loaded once at start. It makes the same kernel-facing
 * choices as `secretfs mount`: `-o ro,default_permissions,auto_unmount`, entry and attribute timeouts equal
 * (the --cache-ttl, 600 s in the benchmark), negative entries cached as long, `direct_io` on every open file,
 * files 0400 and directories 0500 owned by the mounting user, and the multi-threaded loop with at most 16
 * workers. No `init` callback (libfuse's defaults, as secretfs), no readdirplus, no xattrs.
 *
 *   memfs SOURCE_DIR MOUNTPOINT [TIMEOUT_SECONDS]
 *
 * Prints "ready" on stdout once the kernel mount is live; SIGTERM/SIGINT unmount and exit 0.
 */
#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct node {
    char *name;
    int is_dir;
    fuse_ino_t parent;
    /* files */
    char *data;
    size_t size;
    /* directories: children as inode numbers */
    fuse_ino_t *children;
    size_t nchildren, capchildren;
};

static struct node *nodes; /* index = inode number; 0 unused, 1 = root */
static size_t nnodes, capnodes;
static double timeout = 600.0;
static uid_t owner_uid;
static gid_t owner_gid;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static fuse_ino_t add_node(const char *name, int is_dir, fuse_ino_t parent) {
    if (nnodes == capnodes) {
        capnodes = capnodes ? capnodes * 2 : 1024;
        nodes = realloc(nodes, capnodes * sizeof *nodes);
        if (!nodes) die("realloc");
    }
    fuse_ino_t ino = nnodes++;
    memset(&nodes[ino], 0, sizeof nodes[ino]);
    nodes[ino].name = strdup(name);
    nodes[ino].is_dir = is_dir;
    nodes[ino].parent = parent;
    if (parent) {
        struct node *p = &nodes[parent];
        if (p->nchildren == p->capchildren) {
            p->capchildren = p->capchildren ? p->capchildren * 2 : 16;
            p->children = realloc(p->children, p->capchildren * sizeof *p->children);
            if (!p->children) die("realloc");
        }
        p->children[p->nchildren++] = ino;
    }
    return ino;
}

static void load(const char *path, fuse_ino_t dir) {
    DIR *d = opendir(path);
    if (!d) die(path);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(child, &st) != 0) die(child);
        if (S_ISDIR(st.st_mode)) {
            fuse_ino_t ino = add_node(e->d_name, 1, dir);
            load(child, ino);
        } else if (S_ISREG(st.st_mode)) {
            fuse_ino_t ino = add_node(e->d_name, 0, dir);
            int fd = open(child, O_RDONLY);
            if (fd < 0) die(child);
            char *data = malloc(st.st_size ? st.st_size : 1);
            ssize_t got = 0;
            while (got < st.st_size) {
                ssize_t n = read(fd, data + got, st.st_size - got);
                if (n <= 0) die(child);
                got += n;
            }
            close(fd);
            nodes[ino].data = data; /* add_node may have moved nodes: index again */
            nodes[ino].size = st.st_size;
        }
    }
    closedir(d);
}

static void fill_stat(fuse_ino_t ino, struct stat *st) {
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    st->st_uid = owner_uid;
    st->st_gid = owner_gid;
    if (nodes[ino].is_dir) {
        st->st_mode = S_IFDIR | 0500;
        st->st_nlink = 2;
    } else {
        st->st_mode = S_IFREG | 0400;
        st->st_nlink = 1;
        st->st_size = nodes[ino].size;
    }
}

static int valid(fuse_ino_t ino) { return ino >= 1 && ino < nnodes; }

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name) {
    if (!valid(parent) || !nodes[parent].is_dir) {
        fuse_reply_err(req, ENOTDIR);
        return;
    }
    struct fuse_entry_param e;
    memset(&e, 0, sizeof e);
    struct node *p = &nodes[parent];
    for (size_t i = 0; i < p->nchildren; i++) {
        fuse_ino_t c = p->children[i];
        if (!strcmp(nodes[c].name, name)) {
            e.ino = c;
            e.generation = 1;
            e.attr_timeout = timeout;
            e.entry_timeout = timeout;
            fill_stat(c, &e.attr);
            fuse_reply_entry(req, &e);
            return;
        }
    }
    e.ino = 0; /* a negative entry, cached like secretfs's */
    e.entry_timeout = timeout;
    fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void)fi;
    if (!valid(ino)) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct stat st;
    fill_stat(ino, &st);
    fuse_reply_attr(req, &st, timeout);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi) {
    (void)fi;
    if (!valid(ino) || !nodes[ino].is_dir) {
        fuse_reply_err(req, ENOTDIR);
        return;
    }
    struct node *d = &nodes[ino];
    size_t total = d->nchildren + 2; /* ".", "..", children; entry i has offset i + 1 */
    char *buf = malloc(size);
    size_t used = 0;
    for (size_t i = off < 0 ? 0 : (size_t)off; i < total; i++) {
        struct stat st;
        memset(&st, 0, sizeof st);
        const char *name;
        if (i == 0) {
            name = ".";
            st.st_ino = ino;
            st.st_mode = S_IFDIR;
        } else if (i == 1) {
            name = "..";
            st.st_ino = d->parent ? d->parent : 1;
            st.st_mode = S_IFDIR;
        } else {
            fuse_ino_t c = d->children[i - 2];
            name = nodes[c].name;
            st.st_ino = c;
            st.st_mode = nodes[c].is_dir ? S_IFDIR : S_IFREG;
        }
        size_t need = fuse_add_direntry(req, buf + used, size - used, name, &st, (off_t)(i + 1));
        if (need > size - used) break;
        used += need;
    }
    fuse_reply_buf(req, buf, used);
    free(buf);
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    if (!valid(ino)) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    if (nodes[ino].is_dir) {
        fuse_reply_err(req, EISDIR);
        return;
    }
    if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC)) {
        fuse_reply_err(req, EROFS);
        return;
    }
    fi->fh = ino;
    fi->direct_io = 1; /* as secretfs: bytes never enter the page cache */
    fi->keep_cache = 0;
    fuse_reply_open(req, fi);
}

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi) {
    (void)fi;
    struct node *n = &nodes[ino];
    size_t start = off < 0 ? 0 : (size_t)off;
    if (start > n->size) start = n->size;
    size_t end = start + size < n->size ? start + size : n->size;
    fuse_reply_buf(req, n->data + start, end - start);
}

static void op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi) {
    (void)ino;
    (void)fi;
    fuse_reply_err(req, 0);
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: memfs SOURCE_DIR MOUNTPOINT [TIMEOUT_SECONDS]\n");
        return 64;
    }
    if (argc == 4) timeout = atof(argv[3]);
    owner_uid = getuid();
    owner_gid = getgid();
    add_node("", 1, 0); /* inode 0: unused */
    add_node("", 1, 0); /* inode 1: the root */
    load(argv[1], 1);

    struct fuse_lowlevel_ops ops;
    memset(&ops, 0, sizeof ops);
    ops.lookup = op_lookup;
    ops.getattr = op_getattr;
    ops.readdir = op_readdir;
    ops.open = op_open;
    ops.read = op_read;
    ops.release = op_release;

    char *fuse_argv[] = {argv[0], "-o", "ro,default_permissions,auto_unmount,fsname=memfs,subtype=memfs", NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, fuse_argv);
    struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, NULL);
    if (!se) return 1;
    if (fuse_set_signal_handlers(se) != 0) return 1;
    if (fuse_session_mount(se, argv[2]) != 0) return 1;
    printf("ready\n");
    fflush(stdout);

    struct fuse_loop_config *config = fuse_loop_cfg_create();
    fuse_loop_cfg_set_max_threads(config, 16);
    int rc = fuse_session_loop_mt(se, config);
    fuse_loop_cfg_destroy(config);

    fuse_session_unmount(se);
    fuse_remove_signal_handlers(se);
    fuse_session_destroy(se);
    return rc < 0 ? 1 : 0;
}
