package io.parcours.channel.provider;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

import io.parcours.channel.MessageProvider;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.ProviderReceipt;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

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
			if (sent == null) {
				// accepted (2xx), yet no message in the answer
				throw new ProviderException.OutcomeUnknown(
						"Twilio accepted the SMS but answered no message; the SMS was probably sent", null);
			}
			return new ProviderReceipt(sent.getSid());
		}
		catch (TwilioException e) {
			throw classify(e, message.recipient());
		}
	}

	/**
	 * Twilio's error text quotes the number: it is kept without it, and without Twilio's
	 * exception as cause, whose stack trace would carry it into the job's failure. The
	 * status is the answer's own: the SDK reports none, or 0, when the body is not
	 * Twilio's error format (a proxy's 502 page, an empty 503).
	 */
	private static ProviderException classify(TwilioException e, String recipient) {
		Optional<TwilioHttpClient.Answer> answer = TwilioHttpClient.lastAnswer();
		if (answer.isEmpty()) {
			return connectionFailure(e);
		}
		int status = answer.get().status();
		if (status >= 200 && status < 300) {
			return new ProviderException.OutcomeUnknown(
					"Twilio answered " + status + " but its answer could not be read; the SMS was probably sent", null);
		}
		boolean twilioError = e instanceof ApiException api && api.getStatusCode() != null
				&& api.getStatusCode() == status;
		Integer code = twilioError ? ((ApiException) e).getCode() : null;
		String detail = "Twilio answered " + status + (code == null ? "" : " (error " + code + ")") + ": "
				+ (twilioError ? ProviderException.withoutRecipient(e.getMessage(), recipient)
						: "no Twilio error in the answer");
		if (status == 429) {
			return new ProviderException.RateLimited(detail, RetryAfter.parse(answer.get().retryAfter()));
		}
		if (status >= 500) {
			return new ProviderException.Transient(detail, null);
		}
		var suppression = TwilioRecipientErrors.suppression(code);
		if (suppression.isPresent()) {
			return new ProviderException.RecipientRejected(suppression.get(), detail);
		}
		return new ProviderException.Misconfigured(detail, null);
	}

	/**
	 * No answer: a request that never left (no connection) is safe to send again; one
	 * that may have reached Twilio (no answer in time, the connection cut after sending)
	 * leaves the outcome open, never sent twice.
	 */
	private static ProviderException connectionFailure(TwilioException e) {
		for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof ConnectTimeoutException
					|| cause instanceof ConnectionRequestTimeoutException) {
				return new ProviderException.Transient("Twilio unreachable: " + cause.getMessage(), null);
			}
			if (cause instanceof SocketTimeoutException) {
				return new ProviderException.OutcomeUnknown("Twilio did not answer in time; the SMS may have been sent",
						null);
			}
		}
		return new ProviderException.OutcomeUnknown(
				"Twilio call interrupted (" + e.getMessage() + "); the SMS may have been sent", null);
	}

}
