/*
 * This file declares the connection watch: the deadline libmicrohttpd does not keep. Its
 * connection timeout only measures silence, so a client that sends one header byte a second
 * holds a connection (and a slot of the connection limit) for ever. Here every connection has,
 * whenever it is waiting for a request head — from the accept, and again after each response
 * — a deadline of header_timeout seconds; a thread checks the deadlines a few times a second
 * and shuts down (shutdown(2)) the socket of a connection past it, which libmicrohttpd then
 * closes as a client that went away. Once the head has arrived (the access handler's first
 * call) the connection has no deadline until its response is done. An idle keep-alive
 * connection (nothing received since its last response, by the kernel's count of the time since
 * the socket last received data: TCP_INFO) is kept past that deadline until idle_timeout
 * seconds after the response: responses announce header_timeout (server.c, Keep-Alive), and the
 * rest is slack for a client whose own count of the idle time runs late (Node's fetch counts
 * ticks of a timer that a busy or starved event loop delays), so it does not send a request
 * onto a connection the server is closing. Bytes received after a response without a complete
 * head are a next request starting to arrive: from when the watch sees them at a deadline, that
 * head has header_timeout. A connection past its deadline whose socket holds bytes the server
 * has not read yet is not closed: the client sent them in time and its thread is busy with
 * another request (its head may be complete there; closing would drop a request in flight
 * without an answer).
 * Also here: raising the process's open-file limit to what the connection limit needs.
 */
#ifndef COPILOT_HTTP_CONNS_H
#define COPILOT_HTTP_CONNS_H

struct conns;
struct conn_watch;

/* Starts the watch thread; header_timeout_s <= 0 turns deadlines off (nothing is watched).
 * idle_timeout_s: how long a keep-alive connection may stay idle after a response (at least
 * header_timeout_s: a smaller value counts as it). */
struct conns *conns_start(int header_timeout_s, int idle_timeout_s);
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
