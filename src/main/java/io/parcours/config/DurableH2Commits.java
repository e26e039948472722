package io.parcours.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every data source of the application makes its H2 commits durable
 * ({@link H2GroupCommit}).
 */
@Configuration(proxyBeanMethods = false)
class DurableH2Commits {

	@Bean
	static BeanPostProcessor groupCommitDataSources() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof DataSource dataSource && !(bean instanceof GroupCommitDataSource)
						? new GroupCommitDataSource(dataSource) : bean;
			}

		};
	}

}
