package io.parcours.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the project's {@code bpmn/} and {@code forms/} folders at start-up, replacing
 * the starter's scan. Each resource is named by its folder and file name
 * ({@code bpmn/welcome.bpmn}) whatever the classpath looks like, so the names are the
 * same from {@code target/classes}, from the packaged jar (where the scan sees each file
 * twice) and on every node; with deploy-changed-only, a restart with unchanged files
 * deploys nothing.
 */
@Component
class JourneyResources extends AbstractCamundaConfiguration implements CamundaDeploymentConfiguration {

	static final String DEPLOYMENT_NAME = "parcours";

	private static final Logger log = LoggerFactory.getLogger(JourneyResources.class);

	private static final Map<String, List<String>> FOLDERS = Map.of("bpmn", List.of("bpmn", "dmn"), "forms",
			List.of("form"));

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		Set<Resource> resources = getDeploymentResources();
		configuration.setDeploymentName(DEPLOYMENT_NAME);
		configuration.setDeploymentResources(resources.toArray(Resource[]::new));
		log.info("Deploying {} journey resources if changed: {}", resources.size(),
				resources.stream().map(Resource::getFilename).toList());
	}

	@Override
	public Set<Resource> getDeploymentResources() {
		var resolver = new PathMatchingResourcePatternResolver();
		Map<String, Resource> byName = new TreeMap<>();
		FOLDERS.forEach((folder, extensions) -> {
			for (String extension : extensions) {
				try {
					for (Resource resource : resolver.getResources("classpath*:" + folder + "/*." + extension)) {
						String name = folder + "/" + resource.getFilename();
						if (!byName.containsKey(name)) {
							byName.put(name, new NamedResource(resource.getContentAsByteArray(), name));
						}
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException("Cannot read journey resources under " + folder, e);
				}
			}
		});
		return new LinkedHashSet<>(byName.values());
	}

	/** A resource whose deployment name is exactly {@code folder/file}. */
	static final class NamedResource extends ByteArrayResource implements ContextResource {

		private final String name;

		NamedResource(byte[] content, String name) {
			super(content, name);
			this.name = name;
		}

		@Override
		public String getPathWithinContext() {
			return name;
		}

		@Override
		public String getFilename() {
			return name;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof NamedResource resource && resource.name.equals(name);
		}

		@Override
		public int hashCode() {
			return name.hashCode();
		}

	}

}
