package io.parcours.journey;

/**
 * A journey that waits for what an event brings (an order) is suspended by ops: the
 * engine would pass the message to no one, and the journey, once resumed, would go on as
 * if the order never came. The event fails instead and is processed again, whole, by the
 * retry once ops resume the journey.
 */
public class JourneySuspended extends RuntimeException {

	JourneySuspended(String journey, String processInstanceId, String contactId, String message) {
		super("Journey '" + journey + "' (process instance " + processInstanceId + ") of contact " + contactId
				+ " waits for " + message + " but is suspended: the event is processed again once ops resume it");
	}

}
