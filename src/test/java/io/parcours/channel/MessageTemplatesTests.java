package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.LifecycleStage;
import io.parcours.journey.NonRetryable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.DefaultResourceLoader;

class MessageTemplatesTests {

	MessageTemplates templates = new MessageTemplates(
			new DefaultResourceLoader(), new TemplateProperties(Map.of("shopUrl", "https://shop.example",
					"welcomeCouponCode", "WELCOME10", "welcomeCouponPercent", "10")),
			"https://parcours.example", java.util.List.of());

	@Test
	void rendersInTheContactsLanguage() {
		RenderedMessage french = templates.render("welcome", Channel.EMAIL, contact("Ana", "fr-FR"), Map.of());
		RenderedMessage english = templates.render("welcome", Channel.EMAIL, contact("Ben", "en-GB"), Map.of());

		assertThat(french.subject()).isEqualTo("Bienvenue, Ana !");
		assertThat(french.body()).contains("lang=\"fr\"").contains("Merci pour votre inscription");
		assertThat(english.subject()).isEqualTo("Welcome, Ben!");
		assertThat(english.body()).contains("Thank you for signing up");
	}

	@Test
	void onlyMarketingEmailsSayHowToUnsubscribe() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact("Ana", "fr-FR"), Map.of(), true).body())
			.contains("désabonner à tout moment avec le lien en fin de message");
		assertThat(templates.render("thank-you", Channel.EMAIL, contact("Ben", "en"), Map.of(), false).body())
			.doesNotContain("unsubscribe");
	}

	@Test
	void fallsBackToEnglishForOtherLanguages() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact("Hans", "de-DE"), Map.of()).subject())
			.isEqualTo("Welcome, Hans!");
	}

	@Test
	void escapesContactDataInHtml() {
		RenderedMessage message = templates.render("welcome", Channel.EMAIL, contact("<script>x</script>", "en"),
				Map.of());

		assertThat(message.body()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
	}

	@Test
	void smsIsPlainTextWithJourneyAndGlobalValues() {
		RenderedMessage sms = templates.render("first-order-coupon", Channel.SMS, contact("Léa & Co", "en"), Map.of());

		assertThat(sms.subject()).isNull();
		assertThat(sms.body()).startsWith("Léa & Co, 10% off your first order with code WELCOME10");
	}

	@Test
	void journeyVariablesReachTheTemplate() {
		assertThat(
				templates.render("thank-you", Channel.EMAIL, contact("Ana", "fr"), Map.of("orderId", "A-1001")).body())
			.contains("Votre commande A-1001 est confirmée");
	}

	@Test
	void aContactWithoutFirstNameGetsAGreetingWithoutIt() {
		assertThat(templates.render("welcome", Channel.EMAIL, contact(null, "en"), Map.of()).subject())
			.isEqualTo("Welcome!");
	}

	@Test
	void anUnknownTemplateIsAModellingErrorNotRetried() {
		assertThatThrownBy(() -> templates.render("no-such-template", Channel.EMAIL, contact("Ana", "en"), Map.of()))
			.isInstanceOf(UnknownTemplateException.class)
			.isInstanceOf(NonRetryable.class)
			.hasMessageContaining("no-such-template");
		assertThat(templates.exists("welcome", Channel.EMAIL)).isTrue();
		assertThat(templates.exists("welcome", Channel.SMS)).isFalse();
	}

	static Contact contact(String firstName, String locale) {
		return new Contact("c-1", "a@example.com", "+33612345678", firstName, locale, "Europe/Paris", Map.of(),
				LifecycleStage.SUBSCRIBER, 0, BigDecimal.ZERO, null, Instant.now(), Instant.now());
	}

}
