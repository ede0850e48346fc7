package io.adamant.events;

/**
 * One server-sent event.
 *
 * @param id the timeline row it comes from
 * @param name the SSE event name
 * @param data what the event carries, written as JSON
 */
record StreamEvent(long id, String name, Object data) {
}
