/*
 * The timing harness of Benchmarks/fuse: per-operation timings in C, so that what is measured is the file
 * system and not an interpreter. Every mode prints "key value" lines on stdout.
 *
 *   fusebench ops N BATCHES FILE...      warm stat(2) and warm open+read+close of each FILE: one warm-up of N,
 *                                        then BATCHES batches of N per FILE, the FILEs taking turns inside
 *                                        each batch (so all meet the same load); prints, per FILE index i,
 *                                        "stat_us.i MEDIAN", "orc_us.i MEDIAN" (µs per op, median of the
 *                                        batch means) and the raw batch means.
 *   fusebench once FILE                  one open+read+close, timed: "once_us VALUE" (the cold first read)
 *   fusebench parallel SECONDS THREADS FILE...
 *                                        THREADS threads, thread t doing open+read+close of FILE[t % count]
 *                                        in a loop for SECONDS: "ops_per_s VALUE", "errors COUNT"
 *   fusebench time COMMAND ARG...        runs COMMAND with stdout on /dev/null: "time_us VALUE", "status N"
 *
 * Exit status 1 when any operation fails (a read that returns no bytes counts as a failure).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void fail(const char *what, const char *path) {
    fprintf(stderr, "fusebench: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

/* One open+read+close; returns the bytes read. */
static ssize_t orc(const char *path) {
    char buf[4096];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf);
    if (close(fd) != 0) return -1;
    return n;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    double *c = malloc(n * sizeof *c);
    memcpy(c, v, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_double);
    double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    free(c);
    return m;
}

static double batch_stat(const char *path, int n) {
    struct stat st;
    double t0 = now_us();
    for (int i = 0; i < n; i++)
        if (stat(path, &st) != 0) fail("stat", path);
    return (now_us() - t0) / n;
}

static double batch_orc(const char *path, int n) {
    double t0 = now_us();
    for (int i = 0; i < n; i++)
        if (orc(path) <= 0) fail("open+read+close", path);
    return (now_us() - t0) / n;
}

static int mode_ops(int n, int batches, int nfiles, char **files) {
    double *stat_us = calloc((size_t)nfiles * batches, sizeof(double));
    double *orc_us = calloc((size_t)nfiles * batches, sizeof(double));
    for (int f = 0; f < nfiles; f++) { /* warm-up */
        batch_stat(files[f], n);
        batch_orc(files[f], n);
    }
    for (int b = 0; b < batches; b++) {
        for (int k = 0; k < nfiles; k++) {
            int f = (k + b) % nfiles; /* rotate who goes first */
            stat_us[f * batches + b] = batch_stat(files[f], n);
            orc_us[f * batches + b] = batch_orc(files[f], n);
        }
    }
    for (int f = 0; f < nfiles; f++) {
        printf("stat_us.%d %.3f\n", f, median(stat_us + f * batches, batches));
        printf("orc_us.%d %.3f\n", f, median(orc_us + f * batches, batches));
        printf("stat_batches.%d", f);
        for (int b = 0; b < batches; b++) printf(" %.3f", stat_us[f * batches + b]);
        printf("\norc_batches.%d", f);
        for (int b = 0; b < batches; b++) printf(" %.3f", orc_us[f * batches + b]);
        printf("\n");
    }
    return 0;
}

struct worker {
    const char *path;
    double deadline;
    long ops, errors;
};

static atomic_int go;

static void *run_worker(void *arg) {
    struct worker *w = arg;
    while (!atomic_load(&go)) {
    }
    while (now_us() < w->deadline) {
        for (int i = 0; i < 16; i++) { /* check the clock every 16 ops */
            if (orc(w->path) <= 0)
                w->errors++;
            else
                w->ops++;
        }
    }
    return NULL;
}

static int mode_parallel(double seconds, int threads, int nfiles, char **files) {
    pthread_t *ids = calloc(threads, sizeof *ids);
    struct worker *workers = calloc(threads, sizeof *workers);
    for (int t = 0; t < threads; t++) {
        workers[t].path = files[t % nfiles];
        if (orc(workers[t].path) <= 0) fail("open+read+close", workers[t].path); /* warm */
    }
    double t0 = now_us();
    for (int t = 0; t < threads; t++) {
        workers[t].deadline = t0 + seconds * 1e6;
        pthread_create(&ids[t], NULL, run_worker, &workers[t]);
    }
    atomic_store(&go, 1);
    long ops = 0, errors = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        ops += workers[t].ops;
        errors += workers[t].errors;
    }
    double elapsed = (now_us() - t0) / 1e6;
    printf("ops_per_s %.1f\nerrors %ld\n", ops / elapsed, errors);
    return errors ? 1 : 0;
}

static int mode_time(char **argv) {
    double t0 = now_us();
    pid_t pid = fork();
    if (pid < 0) fail("fork", argv[0]);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("time_us %.1f\nstatus %d\n", now_us() - t0, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc >= 5 && !strcmp(argv[1], "ops")) return mode_ops(atoi(argv[2]), atoi(argv[3]), argc - 4, argv + 4);
    if (argc == 3 && !strcmp(argv[1], "once")) {
        double t0 = now_us();
        if (orc(argv[2]) <= 0) fail("open+read+close", argv[2]);
        printf("once_us %.1f\n", now_us() - t0);
        return 0;
    }
    if (argc >= 5 && !strcmp(argv[1], "parallel"))
        return mode_parallel(atof(argv[2]), atoi(argv[3]), argc - 4, argv + 4);
    if (argc >= 3 && !strcmp(argv[1], "time")) return mode_time(argv + 2);
    fprintf(stderr, "usage: see the comment at the top of fusebench.c\n");
    return 64;
}
