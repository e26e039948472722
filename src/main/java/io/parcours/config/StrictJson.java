package io.parcours.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A number or a boolean where the API expects a text ({@code "cartId": 123}) is refused
 * like the opposite ({@code "value": "10"}, refused by
 * {@code spring.jackson.mapper.allow-coercion-of-scalars: false}): a client sending the
 * wrong type gets a 400 naming the field rather than a guess.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	/**
	 * A moment given as a number of seconds far beyond any date ({@code 1e309}) is
	 * refused: Jackson reads such a number as zero rather than spend time on it.
	 */
	@Bean
	Jackson2ObjectMapperBuilderCustomizer secondsWithinReason() {
		return builder -> builder
			.deserializerByType(Instant.class, new WithinReason<>(Instant.class, InstantDeserializer.INSTANT))
			.deserializerByType(Duration.class, new IsoDurations());
	}

	/**
	 * A duration is text in ISO 8601 ({@code "P3D"}): a bare number would be read as
	 * seconds, and a marketer typing {@code 3} for three days would get three seconds.
	 */
	static final class IsoDurations extends StdDeserializer<Duration> {

		IsoDurations() {
			super(Duration.class);
		}

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
				throw InvalidFormatException.from(parser, "a duration is text in ISO 8601", parser.getText(),
						handledType());
			}
			return DurationDeserializer.INSTANCE.deserialize(parser, context);
		}

	}

	static final class WithinReason<T> extends StdDeserializer<T> {

		/** About 30 million years, far within what {@link Instant} holds. */
		private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000_000_000L);

		private final JsonDeserializer<T> delegate;

		WithinReason(Class<T> type, JsonDeserializer<T> delegate) {
			super(type);
			this.delegate = delegate;
		}

		@Override
		public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			if (parser.currentToken() != null && parser.currentToken().isNumeric()
					&& parser.getDecimalValue().abs().compareTo(MAX_SECONDS) > 0) {
				throw InvalidFormatException.from(parser, "too many seconds", parser.getText(), handledType());
			}
			return delegate.deserialize(parser, context);
		}

	}

	@Bean
	Jackson2ObjectMapperBuilderCustomizer textsAreTexts() {
		return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/**
	 * A request body naming a field Parcours does not know ({@code "emial"},
	 * {@code "consent"} for {@code "consents"}) is refused, naming it, rather than
	 * answered 200 with the intended change silently left out. Only request bodies: what
	 * Parcours reads back from its own tables, and the {@code properties} of events (each
	 * source sends what it has), are read tolerantly by the application's mapper.
	 */
	@Bean
	WebMvcConfigurer unknownFieldsRefused() {
		return new WebMvcConfigurer() {
			@Override
			public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
				converters.stream()
					.filter(MappingJackson2HttpMessageConverter.class::isInstance)
					.map(MappingJackson2HttpMessageConverter.class::cast)
					.forEach(json -> json.setObjectMapper(
							json.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
			}
		};
	}

}
