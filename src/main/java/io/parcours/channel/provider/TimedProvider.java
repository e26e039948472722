package io.parcours.channel.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parcours.channel.MessageProvider;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderReceipt;

/**
 * Times every call to a provider ({@code parcours.provider.calls}, by provider, channel
 * and outcome: {@code accepted} or the failure's kind).
 */
class TimedProvider implements MessageProvider {

	static final String CALLS = "parcours.provider.calls";

	private final MessageProvider provider;

	private final MeterRegistry registry;

	TimedProvider(MessageProvider provider, MeterRegistry registry) {
		this.provider = provider;
		this.registry = registry;
	}

	@Override
	public String name() {
		return provider.name();
	}

	@Override
	public ProviderReceipt send(OutboundMessage message) {
		Timer.Sample sample = Timer.start(registry);
		String outcome = "accepted";
		try {
			return provider.send(message);
		}
		catch (RuntimeException e) {
			outcome = e.getClass().getSimpleName().toLowerCase();
			throw e;
		}
		finally {
			sample.stop(Timer.builder(CALLS)
				.description("Calls to email and SMS providers")
				.tag("provider", provider.name())
				.tag("channel", message.channel().value())
				.tag("outcome", outcome)
				.publishPercentileHistogram()
				.register(registry));
		}
	}

}
