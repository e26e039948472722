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
import org.springframework.web.util.UriComponentsBuilder;
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
		UriComponentsBuilder.fromUriString("?" + request.getQueryString())
			.build()
			.getQueryParams()
			.keySet()
			.stream()
			.map(name -> UriUtils.decode(name, StandardCharsets.UTF_8))
			.filter(name -> !known.contains(name))
			.findFirst()
			.ifPresent(unknown -> {
				throw new InvalidFieldException(unknown, "is not a query parameter of " + request.getMethod() + " "
						+ request.getRequestURI() + (known.isEmpty() ? ", which takes none" : "; it takes " + known));
			});
		return true;
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
