package io.parcours.channel.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import com.sendgrid.helpers.mail.objects.SubscriptionTrackingSetting;
import com.sendgrid.helpers.mail.objects.TrackingSettings;

import io.parcours.channel.MessageProvider;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.ProviderReceipt;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/** Email through SendGrid's v3 Mail Send API, with the official sendgrid-java SDK. */
public class SendGridEmailProvider implements MessageProvider {

	/** Custom arg echoed by SendGrid's Event Webhook, so each event finds its message. */
	public static final String MESSAGE_ID_ARG = "parcours_message_id";

	private static final int CONNECT_TIMEOUT_MS = 5_000;

	private static final int READ_TIMEOUT_MS = 20_000;

	/** More than the job executor's threads (8), as for Twilio. */
	static final int MAX_CONNECTIONS = 20;

	private final SendGrid sendGrid;

	private final EmailProperties sender;

	public SendGridEmailProvider(SendGridProperties settings, EmailProperties sender) {
		this.sender = sender;
		boolean plainHttp = settings.baseUrl() != null && settings.baseUrl().startsWith("http://");
		var timeouts = RequestConfig.custom()
			.setConnectTimeout(CONNECT_TIMEOUT_MS)
			.setConnectionRequestTimeout(CONNECT_TIMEOUT_MS)
			.setSocketTimeout(READ_TIMEOUT_MS)
			.build();
		// Apache HttpClient allows 2 connections per host by default: the other job
		// threads would queue for one with their message already committed as sending
		var connections = new PoolingHttpClientConnectionManager();
		connections.setMaxTotal(MAX_CONNECTIONS);
		connections.setDefaultMaxPerRoute(MAX_CONNECTIONS);
		// a kept-alive connection the server (or a proxy) closed meanwhile is checked
		// before each reuse: a request written to it would get no answer and leave an
		// email that never left 'unknown', never sent
		connections.setValidateAfterInactivity(1);
		this.sendGrid = new SendGrid(settings.apiKey(),
				new Client(HttpClients.custom()
					.setConnectionManager(connections)
					.setDefaultRequestConfig(timeouts)
					.disableAutomaticRetries()
					.build(), plainHttp));
		if (settings.baseUrl() != null && !settings.baseUrl().isBlank()) {
			sendGrid.setHost(settings.baseUrl().replaceFirst("^https?://", "").replaceFirst("/$", ""));
		}
	}

	@Override
	public String name() {
		return "sendgrid";
	}

	@Override
	public ProviderReceipt send(OutboundMessage message) {
		Request request = new Request();
		request.setMethod(Method.POST);
		request.setEndpoint("mail/send");
		Response response;
		try {
			request.setBody(mail(message).build());
			response = sendGrid.api(request);
		}
		catch (ConnectException | ConnectTimeoutException | UnknownHostException e) {
			throw new ProviderException.Transient("SendGrid unreachable: " + e.getMessage(), e);
		}
		catch (SocketTimeoutException e) {
			throw new ProviderException.OutcomeUnknown("SendGrid did not answer in time; the email may have been sent",
					e);
		}
		catch (IOException e) {
			throw new ProviderException.OutcomeUnknown("SendGrid call interrupted: " + e.getMessage(), e);
		}
		return receiptOrFailure(response, message.recipient());
	}

	private Mail mail(OutboundMessage message) {
		Mail mail = new Mail();
		mail.setFrom(new Email(sender.from(), sender.fromName()));
		mail.setSubject(message.subject());
		Personalization personalization = new Personalization();
		personalization.addTo(new Email(message.recipient()));
		personalization.addCustomArg(MESSAGE_ID_ARG, message.messageId());
		mail.addPersonalization(personalization);
		mail.addContent(new Content("text/html", message.body()));
		if (message.marketing()) {
			mail.setTrackingSettings(withUnsubscribeLink());
		}
		return mail;
	}

	/**
	 * SendGrid's subscription tracking: an unsubscribe link at the end of the email and a
	 * {@code List-Unsubscribe} header; a click comes back through the event webhook as
	 * {@code unsubscribe}, which withdraws the contact's email consent.
	 */
	private static TrackingSettings withUnsubscribeLink() {
		SubscriptionTrackingSetting subscription = new SubscriptionTrackingSetting();
		subscription.setEnable(true);
		TrackingSettings tracking = new TrackingSettings();
		tracking.setSubscriptionTrackingSetting(subscription);
		return tracking;
	}

	private static ProviderReceipt receiptOrFailure(Response response, String recipient) {
		int status = response.getStatusCode();
		String detail = "SendGrid answered " + status + ": "
				+ abbreviate(ProviderException.withoutRecipient(response.getBody(), recipient));
		if (status >= 200 && status < 300) {
			return new ProviderReceipt(header(response, "X-Message-Id"));
		}
		if (status == 429) {
			throw new ProviderException.RateLimited(detail, RetryAfter.parse(header(response, "Retry-After")));
		}
		if (status >= 500) {
			throw new ProviderException.Transient(detail, null);
		}
		if (status == 400 && response.getBody() != null && response.getBody().contains("personalizations.0.to")) {
			throw new ProviderException.RecipientRejected("invalid-address", detail);
		}
		throw new ProviderException.Misconfigured(detail, null);
	}

	private static String header(Response response, String name) {
		return response.getHeaders()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().equalsIgnoreCase(name))
			.map(java.util.Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	static String abbreviate(String body) {
		if (body == null) {
			return "(no body)";
		}
		return body.length() <= 300 ? body : body.substring(0, 297) + "...";
	}

}
