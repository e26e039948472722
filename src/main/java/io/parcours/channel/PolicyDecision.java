package io.parcours.channel;

import java.time.ZonedDateTime;

/** What the delivery policy decided for one message: send it, skip it, or defer it. */
record PolicyDecision(Verdict verdict, String reason, ZonedDateTime deferredUntil) {

	enum Verdict {

		SEND, SKIP, DEFER

	}

	static PolicyDecision send() {
		return new PolicyDecision(Verdict.SEND, null, null);
	}

	static PolicyDecision skip(String reason) {
		return new PolicyDecision(Verdict.SKIP, reason, null);
	}

	static PolicyDecision defer(ZonedDateTime until) {
		return new PolicyDecision(Verdict.DEFER, SkipReason.QUIET_HOURS + ": deferred until " + until, until);
	}

}
