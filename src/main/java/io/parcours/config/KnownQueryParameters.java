package io.parcours.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriUtils;

/**
 * A query parameter our API does not take is refused with 400 naming it, not ignored: a
 * filter typed wrong ({@code /api/messages?contactId=...}) would otherwise answer with
 * every row, as if it had filtered.
 */
@Configuration(proxyBeanMethods = false)
class KnownQueryParameters implements WebMvcConfigurer, HandlerInterceptor {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || request.getQueryString() == null) {
			return true;
		}
		List<String> known = Arrays.stream(method.getMethodParameters())
			.map(KnownQueryParameters::queryName)
			.filter(Objects::nonNull)
			.toList();
		for (String pair : request.getQueryString().split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			String name = decoded(nameAndValue[0], nameAndValue[0]);
			if (nameAndValue.length > 1) {
				// the container would drop the parameter, and the endpoint answer as if
				// it had not been given
				decoded(name, nameAndValue[1]);
			}
			if (!name.isEmpty() && !known.contains(name)) {
				throw new InvalidFieldException(name, "is not a query parameter of " + request.getMethod() + " "
						+ request.getRequestURI() + (known.isEmpty() ? ", which takes none" : "; it takes " + known));
			}
		}
		return true;
	}

	private static String decoded(String field, String encoded) {
		try {
			return UriUtils.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException badEscape) {
			throw new InvalidFieldException(field,
					"is not percent-encoded properly in the query (a % must be followed by two hex digits): nothing was"
							+ " read");
		}
	}

	private static String queryName(MethodParameter parameter) {
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param == null) {
			return null;
		}
		String name = StringUtils.hasText(param.name()) ? param.name() : param.value();
		if (StringUtils.hasText(name)) {
			return name;
		}
		parameter.initParameterNameDiscovery(PARAMETER_NAMES);
		return parameter.getParameterName();
	}

}
