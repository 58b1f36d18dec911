/* log.h - leveled log lines on stderr for the server: one line per call,
 * "2026-11-25T10:00:00.123Z LEVEL message", written whole with one write(2)
 * so lines from several threads never interleave. The format is always a
 * string literal; user input goes in as an argument (and through
 * log_escape when it may hold spaces or control characters). */
#ifndef RAPPORT_LOG_H
#define RAPPORT_LOG_H

#include <stddef.h>

/* level is a literal word: "info", "warn", "error", "access". */
void log_line(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_line("info", __VA_ARGS__)
#define log_warn(...) log_line("warn", __VA_ARGS__)
#define log_error(...) log_line("error", __VA_ARGS__)

/* Copies the n bytes at s into out (size outsz, always NUL-terminated) with
 * every byte outside '!'..'~', and '\\' and '"', written as \xHH, so a log
 * field never holds a space, a newline or a terminal escape. Cuts the
 * copy short rather than overflow, ending it with "...". Returns out. */
char *log_escape(const char *s, size_t n, char *out, size_t outsz);

#endif
