package io.parcours.channel;

import java.time.Instant;

import io.parcours.journey.Deferral;

/**
 * The provider has no free slot soon enough: the send step's job runs again at about the
 * time one frees up, without using a retry. A provider exception, so the message is left
 * ready to be sent by the next run, not taken for an interrupted send.
 */
public class ProviderBusy extends ProviderException.Transient implements Deferral {

	private final Instant until;

	ProviderBusy(String provider, Instant until) {
		super("Provider " + provider + " is at its rate limit: send put off until " + until, null);
		this.until = until;
	}

	@Override
	public Instant until() {
		return until;
	}

}
