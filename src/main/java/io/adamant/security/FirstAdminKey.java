package io.adamant.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A service with no keys could not be used at all: on its first start it creates an admin
 * key, from {@code adamant.security.bootstrap-admin-key} when set, else a random one that
 * it prints once.
 */
@Component
class FirstAdminKey implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminKey.class);

	private final ApiKeys keys;

	private final SecurityProperties properties;

	FirstAdminKey(ApiKeys keys, SecurityProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.properties.bootstrapAdminKey();
		this.keys.createFirstAdmin(configured).ifPresent(created -> {
			if (configured != null && !configured.isBlank()) {
				log.info("Created the admin key from adamant.security.bootstrap-admin-key (owner 'admin')");
			}
			else {
				log.warn("""

						No API keys existed, so an admin key was created. It is shown only this once:

						    {}

						Use it as 'Authorization: Bearer <key>'. Create other keys with POST /api/v1/admin/keys.
						""", created.key());
			}
		});
	}

}
