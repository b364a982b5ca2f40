/*
 * This file declares the connection watch: the deadline libmicrohttpd does not keep. Its
 * connection timeout only measures silence, so a client that sends one header byte a second
 * holds a connection (and a slot of the connection limit) for ever. Here every connection has,
 * whenever it is waiting for a request head — from the accept, and again after each response
 * — a deadline of header_timeout seconds; a thread checks the deadlines a few times a second
 * and shuts down (shutdown(2)) the socket of a connection past it, which libmicrohttpd then
 * closes as a client that went away. Once the head has arrived (the access handler's first
 * call) the connection has no deadline until its response is done. An idle keep-alive
 * connection is a connection waiting for a head, so it is closed after header_timeout too.
 * A connection past its deadline whose socket holds bytes the server has not read yet is not
 * closed: the client sent them in time and its thread is busy with another request (its head
 * may be complete there; closing would drop a request in flight without an answer).
 * Also here: raising the process's open-file limit to what the connection limit needs.
 */
#ifndef COPILOT_HTTP_CONNS_H
#define COPILOT_HTTP_CONNS_H

struct conns;
struct conn_watch;

/* Starts the watch thread; header_timeout_s <= 0 turns deadlines off (nothing is watched). */
struct conns *conns_start(int header_timeout_s);
/* Stops the thread and frees the watch (every connection must have been closed). */
void conns_stop(struct conns *w);

/* A connection on socket fd was accepted: it waits for its first head. Returns its watch. */
struct conn_watch *conns_opened(struct conns *w, int fd);
/* The connection is closing: forget it (before its socket is closed). */
void conns_closed(struct conns *w, struct conn_watch *c);
/* The head of a request arrived: no deadline until the response is done. */
void conns_head_received(struct conns *w, struct conn_watch *c);
/* The response is done: the connection waits for the next head. */
void conns_waiting(struct conns *w, struct conn_watch *c);

/* Raises the soft limit on open files towards connections + reserve (never above the hard
 * limit) and returns how many connections fit under the limit now in force. */
int conns_fit_fd_limit(int connections, int reserve);

#endif
