package io.parcours.channel;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.journey.TestRunContacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Message templates under {@code classpath:messages/<template>/}:
 * {@code <lang>.subject.txt} and {@code <lang>.body.html} for email,
 * {@code <lang>.sms.txt} for SMS, in each supported language. Rendered at send time with
 * the contact's current data; HTML is escaped, text is not.
 */
@Component
public class MessageTemplates {

	/** The languages every message exists in. */
	public static final Set<String> LANGUAGES = Set.of("en", "fr");

	static final String FALLBACK_LANGUAGE = "en";

	/** The frame every email is set in: no message of its own. */
	static final String LAYOUT = "layout";

	/**
	 * A message is named by its folder under {@code messages/}: lower case, digits and
	 * dashes, never a path ({@code ../messages/sales-hot-lead} would get past the checks
	 * of a name).
	 */
	private static final Pattern MESSAGE_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

	// an empty value (a lead created with "industry": "") takes a section's {{^...}}
	// branch; a value the journey gives as null shows as nothing, one it does not give at
	// all is a template used where it does not belong
	private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).nullValue("").emptyStringIsFalse(true);

	private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).nullValue("").emptyStringIsFalse(true);

	private final Map<String, Template> compiled = new ConcurrentHashMap<>();

	private final ResourceLoader resources;

	private final TemplateProperties properties;

	private final String publicUrl;

	private final List<TemplateData> lookUps;

	MessageTemplates(ResourceLoader resources, TemplateProperties properties,
			@Value("${parcours.public-url}") String publicUrl, List<TemplateData> lookUps) {
		this.resources = resources;
		this.properties = properties;
		this.publicUrl = publicUrl;
		this.lookUps = List.copyOf(lookUps);
	}

	/** A message that is not marketing: transactional, or to a colleague. */
	public RenderedMessage render(String template, Channel channel, Contact contact, Map<String, Object> data) {
		return render(template, channel, contact, data, false);
	}

	/**
	 * The message in the contact's language; a marketing email's footer says why they
	 * receive it and how to unsubscribe.
	 */
	public RenderedMessage render(String template, Channel channel, Contact contact, Map<String, Object> data,
			boolean marketing) {
		if (!isMessageName(template)) {
			throw new UnknownTemplateException(template, channel == Channel.EMAIL ? "body.html" : "sms.txt");
		}
		String language = languageOf(contact.locale());
		Map<String, Object> model = model(contact, data, language);
		return switch (channel) {
			case EMAIL -> new RenderedMessage(render(text, template, language, "subject.txt", model).strip(),
					render(html, LAYOUT, language, "email.html",
							Map.of("content", render(html, template, language, "body.html", model), "lang", language,
									"marketing", marketing)));
			case SMS -> new RenderedMessage(null, render(text, template, language, "sms.txt", model).strip());
		};
	}

	/** Whether the template exists for the channel, in the fallback language at least. */
	public boolean exists(String template, Channel channel) {
		String part = channel == Channel.EMAIL ? "body.html" : "sms.txt";
		return isMessageName(template) && resource(template, FALLBACK_LANGUAGE, part).exists();
	}

	/**
	 * Whether the template answers something the contact did (an order's thank-you), as
	 * its {@code category.txt} says: only such a message may be sent as transactional,
	 * past the frequency cap and quiet hours, without an unsubscribe link.
	 */
	public boolean isTransactional(String template) {
		if (!isMessageName(template)) {
			return false;
		}
		Resource category = resources.getResource("classpath:messages/" + template + "/category.txt");
		try {
			return category.exists() && MessageCategory.TRANSACTIONAL.value()
				.equals(category.getContentAsString(StandardCharsets.UTF_8).strip());
		}
		catch (IOException unreadable) {
			return false;
		}
	}

	private static boolean isMessageName(String template) {
		return template != null && MESSAGE_NAME.matcher(template).matches() && !LAYOUT.equals(template);
	}

	static String languageOf(String locale) {
		String language = locale == null ? FALLBACK_LANGUAGE : locale.split("[-_]")[0].toLowerCase();
		return LANGUAGES.contains(language) ? language : FALLBACK_LANGUAGE;
	}

	/**
	 * A test run keeps its carts and orders apart under ids prefixed with its contact's
	 * ({@code test-run:1a2b3c4d:test-1}); its messages show them as scripted
	 * ({@code test-1}), as the customer would read them.
	 */
	private static Map<String, Object> asScripted(Contact contact, Map<String, Object> data) {
		if (!TestRunContacts.isTestRun(contact.id())) {
			return data;
		}
		String own = contact.id() + ":";
		Map<String, Object> shown = new HashMap<>(data);
		shown.replaceAll((name, value) -> value instanceof String text && text.startsWith(own)
				? text.substring(own.length()) : value);
		return shown;
	}

	private Map<String, Object> model(Contact contact, Map<String, Object> data, String language) {
		Map<String, Object> model = new HashMap<>(properties.globals());
		model.putAll(asScripted(contact, data));
		lookUps.forEach(lookUp -> model.putAll(lookUp.lookUp(contact, data)));
		model.put("publicUrl", publicUrl);
		model.put("firstName", contact.firstName());
		model.put("contactId", contact.id());
		model.put("lang", language);
		return model;
	}

	private String render(Mustache.Compiler compiler, String template, String language, String part,
			Map<String, Object> model) {
		String key = (compiler == html ? "html:" : "text:") + template + "/" + language + "." + part;
		try {
			return compiled.computeIfAbsent(key, k -> compile(compiler, template, language, part)).execute(model);
		}
		catch (MustacheException.Context missing) {
			throw new MissingTemplateData(template, language + "." + part, missing.key, missing.lineNo);
		}
	}

	private Template compile(Mustache.Compiler compiler, String template, String language, String part) {
		Resource resource = resource(template, language, part);
		if (!resource.exists()) {
			resource = resource(template, FALLBACK_LANGUAGE, part);
		}
		if (!resource.exists()) {
			throw new UnknownTemplateException(template, part);
		}
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			return compiler.compile(reader);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Resource resource(String template, String language, String part) {
		return resources.getResource("classpath:messages/" + template + "/" + language + "." + part);
	}

}
