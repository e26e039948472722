package io.parcours.config;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.xml.AbstractXmlHttpMessageConverter;
import org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON (and CSV for imports) only: the XML readers that libraries on the
 * class path bring (JAXB, for the engine) would take an XML body with none of our JSON
 * checks, and answer it with JSON errors about "JSON".
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyApi implements WebMvcConfigurer {

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.removeIf(converter -> converter instanceof AbstractXmlHttpMessageConverter<?>
				|| converter instanceof MappingJackson2XmlHttpMessageConverter);
	}

}
