package io.parcours.report;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report settings: objectives that override what a diagram declares, per journey key
 * ({@code parcours.report.objectives.welcome.target=0.2}, or
 * {@code PARCOURS_REPORT_OBJECTIVES_WELCOME_TARGET}; a key with a dash cannot be an
 * environment variable's name: {@code SPRING_APPLICATION_JSON} carries it).
 */
@ConfigurationProperties("parcours.report")
record ReportProperties(@DefaultValue Map<String, ObjectiveSetting> objectives) {

	record ObjectiveSetting(String kpi, BigDecimal target, String description, String activity) {
	}

}
