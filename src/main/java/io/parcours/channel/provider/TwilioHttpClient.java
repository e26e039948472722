package io.parcours.channel.provider;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP transport with two changes: exactly one attempt per call, neither
 * the SDK's retries nor Apache HttpClient's (retries are the engine's job, with backoff
 * and an incident at the end, and a repeated POST risks a second SMS), and an optional
 * base URL, since twilio-java has no setting to reach a local fake server.
 */
class TwilioHttpClient extends HttpClient {

	/** What the last call on this thread got back; none when it got no answer. */
	record Answer(int status, String retryAfter) {
	}

	private static final ThreadLocal<Answer> lastAnswer = new ThreadLocal<>();

	private final NetworkHttpClient network;

	private final String baseUrl;

	/** Far below the job lock: a call still running when its job is taken again. */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

	TwilioHttpClient(String baseUrl, Duration readTimeout) {
		this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceFirst("/$", "");
		var connections = new PoolingHttpClientConnectionManager();
		connections.setDefaultMaxPerRoute(20);
		connections.setMaxTotal(100);
		// without them, a Twilio that never answers holds a job thread past its lock,
		// and the job runs again on a live node while the first call still waits
		// a kept-alive connection Twilio (or a proxy) closed meanwhile is checked before
		// each reuse: a request written to it would get no answer and leave an SMS that
		// never left 'unknown', never sent
		connections.setDefaultConnectionConfig(ConnectionConfig.custom()
			.setConnectTimeout(CONNECT_TIMEOUT)
			.setSocketTimeout(Timeout.of(readTimeout))
			.setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
			.build());
		// Apache HttpClient would otherwise re-POST on 429/503 by itself, holding a job
		// thread for Retry-After
		this.network = new NetworkHttpClient(HttpClientBuilder.create()
			.useSystemProperties()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(CONNECT_TIMEOUT)
				.setResponseTimeout(Timeout.of(readTimeout))
				.build())
			.disableAutomaticRetries());
	}

	@Override
	public Response makeRequest(Request request) {
		lastAnswer.remove();
		Response response = network.makeRequest(baseUrl == null ? request : redirected(request));
		if (response != null) {
			lastAnswer.set(new Answer(response.getStatusCode(), retryAfter(response)));
		}
		return response;
	}

	@Override
	public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
		return makeRequest(request);
	}

	/**
	 * The status and Retry-After header of the last answer on this thread: the SDK's
	 * exceptions drop headers, and give status 0 or none when the answer's body is not
	 * Twilio's error format (a proxy's 502 page, an empty 503).
	 */
	static Optional<Answer> lastAnswer() {
		return Optional.ofNullable(lastAnswer.get());
	}

	private Request redirected(Request original) {
		URL url = original.constructURL();
		String target = baseUrl + url.getPath() + (url.getQuery() == null ? "" : "?" + url.getQuery());
		Request copy = new Request(original.getMethod(), target);
		if (original.getUsername() != null) {
			copy.setAuth(original.getUsername(), original.getPassword());
		}
		else if (original.getAuthStrategy() != null) {
			copy.setAuth(original.getAuthStrategy());
		}
		copy.setContentType(original.getContentType());
		copy.setBody(original.getBody());
		copyParams(original.getPostParams(), copy::addPostParam);
		copyParams(original.getHeaderParams(), copy::addHeaderParam);
		return copy;
	}

	private static void copyParams(Map<String, List<String>> params,
			java.util.function.BiConsumer<String, String> add) {
		params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
	}

	private static String retryAfter(Response response) {
		if (response == null || response.getHeaders() == null) {
			return null;
		}
		for (Header header : response.getHeaders()) {
			if (header.getName().equalsIgnoreCase("Retry-After")) {
				return header.getValue();
			}
		}
		return null;
	}

}
