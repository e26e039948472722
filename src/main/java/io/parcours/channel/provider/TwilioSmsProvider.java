package io.parcours.channel.provider;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.net.URI;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

import io.parcours.channel.MessageProvider;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.ProviderReceipt;

/** SMS through Twilio's Programmable Messaging API, with the official twilio-java SDK. */
public class TwilioSmsProvider implements MessageProvider {

	private final TwilioRestClient client;

	private final PhoneNumber from;

	private final String statusCallbackBase;

	public TwilioSmsProvider(TwilioProperties settings, String publicUrl) {
		this(settings, publicUrl, TwilioHttpClient.READ_TIMEOUT);
	}

	TwilioSmsProvider(TwilioProperties settings, String publicUrl, Duration readTimeout) {
		this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(new TwilioHttpClient(settings.baseUrl(), readTimeout))
			.build();
		this.from = new PhoneNumber(settings.from());
		this.statusCallbackBase = publicUrl.replaceFirst("/$", "") + "/webhooks/twilio/status?messageId=";
	}

	@Override
	public String name() {
		return "twilio";
	}

	@Override
	public ProviderReceipt send(OutboundMessage message) {
		try {
			Message sent = Message.creator(new PhoneNumber(message.recipient()), from, message.body())
				.setStatusCallback(URI.create(statusCallbackBase + message.messageId()))
				.create(client);
			return new ProviderReceipt(sent.getSid());
		}
		catch (ApiConnectionException e) {
			throw new ProviderException.Transient("Twilio unreachable: " + e.getMessage(), e);
		}
		catch (ApiException e) {
			throw classify(e, message.recipient());
		}
	}

	/**
	 * Twilio's error text quotes the number: it is kept without it, and without Twilio's
	 * exception as cause, whose stack trace would carry it into the job's failure.
	 */
	private static ProviderException classify(ApiException e, String recipient) {
		Integer status = e.getStatusCode();
		if (status == null) {
			return connectionFailure(e);
		}
		String detail = "Twilio answered " + status + (e.getCode() == null ? "" : " (error " + e.getCode() + ")") + ": "
				+ ProviderException.withoutRecipient(e.getMessage(), recipient);
		if (status == 429) {
			return new ProviderException.RateLimited(detail, RetryAfter.parse(TwilioHttpClient.lastRetryAfter()));
		}
		if (status >= 500) {
			return new ProviderException.Transient(detail, null);
		}
		var suppression = TwilioRecipientErrors.suppression(e.getCode());
		if (suppression.isPresent()) {
			return new ProviderException.RecipientRejected(suppression.get(), detail);
		}
		return new ProviderException.Misconfigured(detail, null);
	}

	/**
	 * No HTTP status: the request failed on the wire; a timeout after sending leaves the
	 * outcome open.
	 */
	private static ProviderException connectionFailure(ApiException e) {
		Throwable cause = e.getCause();
		if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
			return new ProviderException.OutcomeUnknown("Twilio did not answer in time; the SMS may have been sent", e);
		}
		return new ProviderException.Transient("Twilio unreachable: " + e.getMessage(), e);
	}

}
