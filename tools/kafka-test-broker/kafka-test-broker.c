/*
 * kafka-test-broker: a real Kafka-protocol broker for integration tests, built on
 * librdkafka's mock cluster (rdkafka_mock.h, Debian librdkafka-dev 2.0.2).
 *
 *   kafka-test-broker [--brokers N] [--topics name:partitions[,name:partitions...]]
 *                     [--replication R] [--debug]
 *
 * stdout: "BOOTSTRAP host:port[,host:port...]" then "READY", then one answer line
 * ("OK ..." or "ERR ...") per command read from stdin:
 *
 *   down <brokerId>                       close the broker's connections, refuse new ones
 *   up <brokerId>                         accept connections again
 *   topic <name> <partitions> [replicas]  create a topic
 *   leader <topic> <partition> <brokerId> move a partition's leader
 *   ping                                  liveness check
 *   quit                                  destroy the cluster and exit 0
 *
 * stdin EOF, SIGTERM, SIGINT and the death of the parent process also destroy the
 * cluster and exit 0 (within SHUTDOWN_DEADLINE_MS). Diagnostics go to stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static volatile sig_atomic_t stop_requested = 0;
static int broker_cnt = 1;
static int default_replication = 0; /* 0: min(3, broker_cnt) */

/* rd_kafka_mock_cluster_destroy() in 2.0.2 sometimes takes a full second (its thread misses the wake-up and sits
 * out a 1 s poll timeout; seen in ~1 of 10 stops after clients were connected). Nothing is lost by not waiting:
 * the cluster lives in memory only. So shutdown gets a deadline, after which the process exits 0 anyway. */
#define SHUTDOWN_DEADLINE_MS 200
static void *shutdown_watchdog(void *arg) {
  struct timespec ts = {.tv_sec = SHUTDOWN_DEADLINE_MS / 1000, .tv_nsec = (SHUTDOWN_DEADLINE_MS % 1000) * 1000000L};
  (void)arg;
  nanosleep(&ts, NULL);
  fflush(stdout);
  _exit(0);
  return NULL;
}

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

static void answer(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stdout, fmt, ap);
  va_end(ap);
  fputc('\n', stdout);
  fflush(stdout);
}

static int replication_for(int requested) {
  int r = requested > 0 ? requested : default_replication > 0 ? default_replication : (broker_cnt < 3 ? broker_cnt : 3);
  return r > broker_cnt ? broker_cnt : r;
}

static int parse_int(const char *s, int *out) {
  char *end;
  long v;
  if (!s || !*s) return -1;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || *end || v < -2147483647L || v > 2147483647L) return -1;
  *out = (int)v;
  return 0;
}

static rd_kafka_resp_err_t create_topic(rd_kafka_mock_cluster_t *mc, const char *name, int partitions, int replicas) {
  return rd_kafka_mock_topic_create(mc, name, partitions, replication_for(replicas));
}

/* "a:3,b:1" -> creates each topic; returns 0 or -1 after printing the problem. */
static int create_topics_arg(rd_kafka_mock_cluster_t *mc, const char *spec) {
  char *copy = strdup(spec), *save = NULL, *item;
  int rc = 0;
  for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
    char *colon = strrchr(item, ':');
    int partitions = 1;
    rd_kafka_resp_err_t err;
    if (colon) {
      *colon = '\0';
      if (parse_int(colon + 1, &partitions) || partitions < 1) {
        fprintf(stderr, "kafka-test-broker: bad partition count in --topics item '%s'\n", item);
        rc = -1;
        break;
      }
    }
    if (!*item) {
      fprintf(stderr, "kafka-test-broker: empty topic name in --topics\n");
      rc = -1;
      break;
    }
    err = create_topic(mc, item, partitions, 0);
    if (err) {
      fprintf(stderr, "kafka-test-broker: topic %s: %s\n", item, rd_kafka_err2str(err));
      rc = -1;
      break;
    }
  }
  free(copy);
  return rc;
}

/* Returns 1 when the program should exit. */
static int handle_command(rd_kafka_mock_cluster_t *mc, char *line) {
  char *argv[8];
  int argc = 0, id, n, r = 0;
  char *save = NULL, *tok;
  rd_kafka_resp_err_t err;

  for (tok = strtok_r(line, " \t\r", &save); tok && argc < 8; tok = strtok_r(NULL, " \t\r", &save))
    argv[argc++] = tok;
  if (argc == 0) return 0;

  if (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit")) {
    answer("OK quit");
    return 1;
  }
  if (!strcmp(argv[0], "ping")) {
    answer("OK pong");
    return 0;
  }
  if (!strcmp(argv[0], "down") || !strcmp(argv[0], "up")) {
    if (argc != 2 || parse_int(argv[1], &id) || id < 1 || id > broker_cnt) {
      answer("ERR usage: %s <brokerId 1..%d>", argv[0], broker_cnt);
      return 0;
    }
    err = argv[0][0] == 'd' ? rd_kafka_mock_broker_set_down(mc, id) : rd_kafka_mock_broker_set_up(mc, id);
    if (err)
      answer("ERR %s %d: %s", argv[0], id, rd_kafka_err2str(err));
    else
      answer("OK %s %d", argv[0], id);
    return 0;
  }
  if (!strcmp(argv[0], "topic")) {
    if (argc < 3 || argc > 4 || parse_int(argv[2], &n) || n < 1 || (argc == 4 && (parse_int(argv[3], &r) || r < 1))) {
      answer("ERR usage: topic <name> <partitions> [replicas]");
      return 0;
    }
    err = create_topic(mc, argv[1], n, r);
    if (err)
      answer("ERR topic %s: %s", argv[1], rd_kafka_err2str(err));
    else
      answer("OK topic %s %d", argv[1], n);
    return 0;
  }
  if (!strcmp(argv[0], "leader")) {
    int partition;
    if (argc != 4 || parse_int(argv[2], &partition) || parse_int(argv[3], &id)) {
      answer("ERR usage: leader <topic> <partition> <brokerId>");
      return 0;
    }
    err = rd_kafka_mock_partition_set_leader(mc, argv[1], partition, id);
    if (err)
      answer("ERR leader %s %d: %s", argv[1], partition, rd_kafka_err2str(err));
    else
      answer("OK leader %s %d %d", argv[1], partition, id);
    return 0;
  }
  answer("ERR unknown command '%s' (down, up, topic, leader, ping, quit)", argv[0]);
  return 0;
}

static void usage(void) {
  fprintf(stderr,
          "usage: kafka-test-broker [--brokers N] [--topics name:partitions[,...]] [--replication R] [--debug]\n");
}

int main(int argc, char **argv) {
  char errstr[512];
  const char *topics = NULL;
  int debug = 0, i;
  rd_kafka_conf_t *conf;
  rd_kafka_t *rk;
  rd_kafka_mock_cluster_t *mc;
  struct sigaction sa;
  char buf[8192];
  size_t used = 0;
  int done = 0;

  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--brokers") && v) {
      if (parse_int(v, &broker_cnt) || broker_cnt < 1 || broker_cnt > 64) {
        fprintf(stderr, "kafka-test-broker: --brokers must be 1..64\n");
        return 2;
      }
      i++;
    } else if (!strcmp(a, "--topics") && v) {
      topics = v;
      i++;
    } else if (!strcmp(a, "--replication") && v) {
      if (parse_int(v, &default_replication) || default_replication < 1) {
        fprintf(stderr, "kafka-test-broker: --replication must be >= 1\n");
        return 2;
      }
      i++;
    } else if (!strcmp(a, "--debug")) {
      debug = 1;
    } else {
      usage();
      return 2;
    }
  }

  /* Die with the process that started us (a crashed jest worker must not leave brokers behind). */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() == 1) return 0;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* The mock cluster needs an rd_kafka_t for book-keeping; librdkafka's own tests use a producer. */
  conf = rd_kafka_conf_new();
  /* Quiet by default: the book-keeping producer would log "No bootstrap.servers configured" (level 5). */
  if (rd_kafka_conf_set(conf, "log_level", debug ? "7" : "4", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK ||
      (debug && rd_kafka_conf_set(conf, "debug", "mock,broker", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)) {
    fprintf(stderr, "kafka-test-broker: %s\n", errstr);
    return 1;
  }
  rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (!rk) {
    fprintf(stderr, "kafka-test-broker: rd_kafka_new: %s\n", errstr);
    return 1;
  }
  mc = rd_kafka_mock_cluster_new(rk, broker_cnt);
  if (!mc) {
    fprintf(stderr, "kafka-test-broker: rd_kafka_mock_cluster_new failed\n");
    rd_kafka_destroy(rk);
    return 1;
  }
  if (topics && create_topics_arg(mc, topics)) {
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return 2;
  }

  answer("BOOTSTRAP %s", rd_kafka_mock_cluster_bootstraps(mc));
  answer("READY");

  /* Line-buffered command loop on fd 0; poll with a timeout so signals are noticed promptly. */
  while (!done && !stop_requested) {
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    ssize_t got;
    char *nl;
    int pr = poll(&pfd, 1, 200);
    if (pr < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (pr == 0) continue;
    got = read(0, buf + used, sizeof(buf) - 1 - used);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    if (got == 0) break; /* EOF: the launcher went away or closed stdin */
    used += (size_t)got;
    buf[used] = '\0';
    while (!done && (nl = strchr(buf, '\n')) != NULL) {
      *nl = '\0';
      done = handle_command(mc, buf);
      used -= (size_t)(nl + 1 - buf);
      memmove(buf, nl + 1, used + 1);
    }
    if (used >= sizeof(buf) - 1) {
      answer("ERR line too long");
      used = 0;
    }
  }

  {
    pthread_t watchdog;
    if (pthread_create(&watchdog, NULL, shutdown_watchdog, NULL) == 0) pthread_detach(watchdog);
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
