package io.parcours.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("parcours.demo")
public record DemoProperties(@DefaultValue("false") boolean seed, @DefaultValue List<DemoUser> users) {

	/**
	 * A demo user; the email (optional) is where a sales rep's hot-lead notifications go.
	 */
	public record DemoUser(String id, String password, String firstName, String lastName, String group, String email) {
	}

}
