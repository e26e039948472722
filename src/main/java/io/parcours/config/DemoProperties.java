package io.parcours.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("parcours.demo")
public record DemoProperties(@DefaultValue("false") boolean seed, @DefaultValue List<DemoUser> users) {

	public record DemoUser(String id, String password, String firstName, String lastName, String group) {
	}

}
