package io.parcours.channel;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Lets query parameters use the same lower-case status names as the JSON
 * ({@code ?status=skipped}).
 */
@Component
class MessageStatusConverter implements Converter<String, MessageStatus> {

	@Override
	public MessageStatus convert(String source) {
		return MessageStatus.fromValue(source);
	}

}
