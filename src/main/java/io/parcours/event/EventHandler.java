package io.parcours.event;

/**
 * Applies one type of event. Runs inside the event's processing transaction, with the
 * contact's row locked, so it sees the contact's events one at a time and its effects
 * commit together with the event's status.
 */
public interface EventHandler<P> {

	EventType type();

	void handle(ReceivedEvent<P> event);

}
