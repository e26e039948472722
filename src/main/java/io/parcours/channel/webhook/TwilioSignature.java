package io.parcours.channel.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.twilio.security.RequestValidator;

import io.parcours.channel.provider.TwilioProperties;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Verifies {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} and the
 * account's auth token. Twilio signs the URL it called, which behind a proxy is not the
 * URL this application sees: the URL is rebuilt from {@code parcours.public-url}.
 */
@Component
class TwilioSignature {

	static final String HEADER = "X-Twilio-Signature";

	private final RequestValidator validator;

	private final String publicUrl;

	TwilioSignature(TwilioProperties twilio, @Value("${parcours.public-url}") String publicUrl) {
		boolean configured = twilio.authToken() != null && !twilio.authToken().isBlank();
		this.validator = configured ? new RequestValidator(twilio.authToken()) : null;
		this.publicUrl = publicUrl.replaceFirst("/+$", "");
	}

	SignatureCheck check(HttpServletRequest request) {
		if (validator == null) {
			return SignatureCheck.NOT_CONFIGURED;
		}
		String signature = request.getHeader(HEADER);
		if (signature == null || signature.isBlank()) {
			return SignatureCheck.MISSING;
		}
		return validator.validate(publicUrlOf(request), formParameters(request), signature) ? SignatureCheck.VALID
				: SignatureCheck.INVALID;
	}

	/**
	 * The POSTed form fields, which Twilio signs, without the query's (part of the URL).
	 */
	static Map<String, String> formParameters(HttpServletRequest request) {
		Set<String> inQuery = request.getQueryString() == null ? Set.of()
				: UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams().keySet();
		Map<String, String> form = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!inQuery.contains(name) && values.length > 0) {
				form.put(name, values[0]);
			}
		});
		return form;
	}

	private String publicUrlOf(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return publicUrl + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
	}

}
