package io.parcours.channel.provider;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcours.channel.MessageProvider;
import io.parcours.contact.Channel;
import io.parcours.journey.TestRunContacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One provider per channel: the real one when its credentials are configured, else the
 * log provider.
 */
@Component
public class Providers {

	private static final Logger log = LoggerFactory.getLogger(Providers.class);

	private final Map<Channel, MessageProvider> byChannel = new EnumMap<>(Channel.class);

	private final MessageProvider testRuns = new LogMessageProvider();

	Providers(SendGridProperties sendGrid, TwilioProperties twilio, EmailProperties email,
			@Value("${parcours.public-url}") String publicUrl, MeterRegistry registry) {
		byChannel.put(Channel.EMAIL,
				new TimedProvider(
						sendGrid.configured() ? new SendGridEmailProvider(sendGrid, email) : new LogMessageProvider(),
						registry));
		byChannel.put(Channel.SMS, new TimedProvider(
				twilio.configured() ? new TwilioSmsProvider(twilio, publicUrl) : new LogMessageProvider(), registry));
		byChannel.forEach(
				(channel, provider) -> log.info("{} messages go through the {} provider{}", channel, provider.name(),
						provider.name().equals("log") ? " (no credentials configured: recorded, not sent)" : ""));
	}

	public MessageProvider forChannel(Channel channel) {
		return byChannel.get(channel);
	}

	/**
	 * Test runs of a journey never reach a real provider: their messages are only logged.
	 */
	public MessageProvider forContact(Channel channel, String contactId) {
		return TestRunContacts.isTestRun(contactId) ? testRuns : forChannel(channel);
	}

	public boolean anyReal() {
		return byChannel.values().stream().anyMatch(provider -> !provider.name().equals("log"));
	}

}
