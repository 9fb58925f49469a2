/*
 * openloop: an open-loop HTTP/1.1 load generator for the serving bench (what wrk2 does; wrk2 is not
 * packaged here). Requests are scheduled at a fixed rate (request i at start + i / rate) whether or
 * not earlier ones have answered; each one's latency is timed from its SCHEDULED send time, so a
 * server that stalls is charged for every request that waited behind the stall (no coordinated
 * omission). Requests go out over keep-alive connections; when every open connection is busy a new
 * one is opened (up to --max-connections), beyond that due requests wait in the client and their
 * waiting counts in their latency. One thread, epoll, a timerfd for the schedule (microsecond
 * precision, not epoll's millisecond timeout).
 *
 *   openloop HOST PORT PATH BODY_FILE RATE SECONDS [MAX_CONNECTIONS]
 *
 * Prints one JSON object: the rate asked and achieved, requests scheduled/completed/failed
 * (non-2xx or a broken connection)/unfinished (no answer within 5 s after the last send), and the
 * latency percentiles in milliseconds over completed requests (failed ones counted too).
 * Build: gcc -O2 -o openloop openloop.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

enum { IDLE, BUSY, CONNECTING, DEAD };

typedef struct {
    int fd;
    int state;
    double scheduled;      /* scheduled send time of the request in flight */
    size_t written;        /* bytes of the request written so far */
    char *in;              /* response bytes read so far */
    size_t in_len, in_cap;
} conn_t;

static char *request;
static size_t request_len;
static struct sockaddr_in address;
static int epfd;
static conn_t *conns;
static int nconns, max_conns;
static double *latencies;
static long completed, failed;
static double last_done;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

/* Opens a non-blocking keep-alive connection in slot i (a new slot when i == nconns). */
static void open_connection(int i) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc = connect(fd, (struct sockaddr *)&address, sizeof address);
    if (rc < 0 && errno != EINPROGRESS) die("connect");
    conn_t *c = &conns[i];
    if (c->in == NULL) {
        c->in_cap = 1 << 16;
        c->in = malloc(c->in_cap);
    }
    c->fd = fd;
    c->state = CONNECTING;
    c->written = 0;
    c->in_len = 0;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = (uint32_t)i};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
    if (i == nconns) nconns++;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, long n, double p) {
    if (n == 0) return 0;
    long k = (long)(p * (double)n);
    if (k >= n) k = n - 1;
    return sorted[k];
}

static void finish(conn_t *c, int ok, double at) {
    latencies[completed + failed] = (at - c->scheduled) * 1000.0;
    if (ok) completed++; else failed++;
    last_done = at;
    c->in_len = 0;
    c->written = 0;
    c->state = IDLE;
}

/* Writes as much of the request as the socket takes. */
static void pump_write(conn_t *c) {
    while (c->written < request_len) {
        ssize_t n = write(c->fd, request + c->written, request_len - c->written);
        if (n < 0) {
            if (errno == EAGAIN) return;
            c->state = DEAD;
            return;
        }
        c->written += (size_t)n;
    }
}

/* Reads what arrived; completes the request when the whole response (headers + Content-Length) is in. */
static void pump_read(conn_t *c, double at) {
    for (;;) {
        if (c->in_len == c->in_cap) {
            c->in_cap *= 2;
            c->in = realloc(c->in, c->in_cap);
        }
        ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (n == 0) { c->state = DEAD; break; }
        if (n < 0) {
            if (errno == EAGAIN) break;
            c->state = DEAD;
            break;
        }
        c->in_len += (size_t)n;
    }
    if (c->state != BUSY) return;
    char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
    if (!end) return;
    size_t header = (size_t)(end - c->in) + 4;
    long length = -1;
    for (char *line = c->in; line < end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "content-length:", 15) == 0) length = atol(line + 15);
    }
    if (length < 0) {
        fprintf(stderr, "openloop: a response without Content-Length (chunked responses are not supported)\n");
        exit(2);
    }
    if (c->in_len < header + (size_t)length) return;
    int status = atoi(c->in + 9); /* "HTTP/1.1 200" */
    finish(c, status >= 200 && status < 300, at);
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: openloop HOST PORT PATH BODY_FILE RATE SECONDS [MAX_CONNECTIONS]\n");
        return 2;
    }
    const char *host = argv[1], *path = argv[3];
    int port = atoi(argv[2]);
    double rate = atof(argv[5]), seconds = atof(argv[6]);
    max_conns = argc > 7 ? atoi(argv[7]) : 64;
    if (rate <= 0 || seconds <= 0 || max_conns < 1) {
        fprintf(stderr, "openloop: RATE and SECONDS must be > 0, MAX_CONNECTIONS >= 1\n");
        return 2;
    }

    FILE *f = fopen(argv[4], "rb");
    if (!f) die("body file");
    fseek(f, 0, SEEK_END);
    long body_len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *body = malloc((size_t)body_len);
    if (fread(body, 1, (size_t)body_len, f) != (size_t)body_len) die("read body");
    fclose(f);
    request = malloc((size_t)body_len + 512);
    int head = snprintf(request, 512,
        "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\nContent-Length: %ld\r\n\r\n",
        path, host, port, body_len);
    memcpy(request + head, body, (size_t)body_len);
    request_len = (size_t)head + (size_t)body_len;

    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        fprintf(stderr, "openloop: HOST must be an IPv4 address such as 127.0.0.1\n");
        return 2;
    }

    long total = (long)(rate * seconds);
    if (total < 1) total = 1;
    latencies = malloc(sizeof(double) * (size_t)total);
    double *pending = malloc(sizeof(double) * (size_t)total); /* scheduled times of due, unsent requests */
    long pending_head = 0, pending_tail = 0;
    conns = calloc((size_t)max_conns, sizeof(conn_t));
    epfd = epoll_create1(0);
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(epfd, EPOLL_CTL_ADD, timer, &tev);
    for (int i = 0; i < 4 && i < max_conns; i++) open_connection(nconns);

    double interval = 1.0 / rate, start = now() + 0.05;
    long scheduled = 0;
    double deadline = start + seconds + 5.0;
    struct epoll_event events[256];
    while (completed + failed < total && now() < deadline) {
        double t = now();
        while (scheduled < total && start + scheduled * interval <= t) {
            pending[pending_tail++] = start + scheduled * interval;
            scheduled++;
        }
        /* Hand due requests to idle connections; open more while all are busy. */
        for (int i = 0; i < nconns && pending_head < pending_tail; i++) {
            conn_t *c = &conns[i];
            if (c->state != IDLE) continue;
            c->scheduled = pending[pending_head++];
            c->state = BUSY;
            pump_write(c);
        }
        if (pending_head < pending_tail && nconns < max_conns) {
            int busy = 0;
            for (int i = 0; i < nconns; i++) busy += conns[i].state == CONNECTING;
            if (busy == 0) open_connection(nconns);
        }
        for (int i = 0; i < nconns; i++) {
            conn_t *c = &conns[i];
            if (c->state != DEAD) continue;
            /* A broken connection fails its request (if one was in flight) and is reopened in its slot. */
            if (c->written > 0) finish(c, 0, now());
            epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
            close(c->fd);
            open_connection(i);
        }
        if (scheduled < total) {
            double next = start + scheduled * interval;
            struct itimerspec when = {0};
            when.it_value.tv_sec = (time_t)next;
            when.it_value.tv_nsec = (long)((next - (double)(time_t)next) * 1e9);
            if (when.it_value.tv_nsec >= 1000000000L) when.it_value.tv_nsec = 999999999L;
            timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL);
        }
        int n = epoll_wait(epfd, events, 256, scheduled < total ? -1 : 50);
        double at = now();
        for (int e = 0; e < n; e++) {
            uint32_t id = events[e].data.u32;
            if (id == UINT32_MAX) {
                uint64_t expirations;
                if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) die("timerfd");
                continue;
            }
            conn_t *c = &conns[id];
            if (c->state == CONNECTING && (events[e].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                int error = 0;
                socklen_t len = sizeof error;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
                c->state = error ? DEAD : IDLE;
                if (error) die("connect (asynchronous)");
            }
            if (c->state == BUSY && (events[e].events & EPOLLOUT)) pump_write(c);
            if (c->state == BUSY && (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) pump_read(c, at);
        }
    }
    long done = completed + failed;
    qsort(latencies, (size_t)done, sizeof(double), by_value);
    printf("{\"rate\":%.1f,\"seconds\":%.1f,\"scheduled\":%ld,\"completed\":%ld,\"failed\":%ld,\"unfinished\":%ld,"
           "\"achievedRate\":%.1f,\"connections\":%d,\"p50Ms\":%.2f,\"p90Ms\":%.2f,\"p99Ms\":%.2f,\"p999Ms\":%.2f,\"maxMs\":%.2f}\n",
           rate, seconds, total, completed, failed, total - done, done / (last_done - start > seconds ? last_done - start : seconds), nconns,
           percentile(latencies, done, 0.50), percentile(latencies, done, 0.90), percentile(latencies, done, 0.99),
           percentile(latencies, done, 0.999), done ? latencies[done - 1] : 0.0);
    return 0;
}
