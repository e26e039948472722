package io.parcours.config;

import java.time.ZonedDateTime;
import java.util.List;

import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * The engine's FEEL integration parses every input entry of a decision table again at
 * each evaluation: for lead scoring, on every lead event, that parsing was most of the
 * decision's cost. Parsed expressions only depend on their text, so they are kept (a
 * bounded cache); a redeployed table with new entries simply brings new texts.
 */
@Component
class FeelExpressionCache extends AbstractCamundaConfiguration {

	static final int MAXIMUM_EXPRESSIONS = 10_000;

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		List<FeelCustomFunctionProvider> functions = configuration.getDmnFeelCustomFunctionProviders();
		DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
				? configuration.getDmnEngineConfiguration()
				: (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
		configuration.setDmnEngineConfiguration(dmn.feelEngineFactory(() -> new CachingScalaFeelEngine(functions)));
	}

	/**
	 * The engine's own FEEL integration, built on a FEEL engine that keeps what it
	 * parsed.
	 */
	static class CachingScalaFeelEngine extends ScalaFeelEngine {

		CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functions) {
			super(functions);
		}

		/** The engine's value mappers, with {@link FeelPlainValues} first. */
		@Override
		protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
				ValueMapper.CompositeValueMapper valueMapper) {
			return new CachingFeelEngine(functions, new ValueMapper.CompositeValueMapper(
					valueMapper.customMappers().$colon$colon(new FeelPlainValues())));
		}

		long parsedExpressions() {
			return ((CachingFeelEngine) feelEngine).parsed();
		}

	}

	/**
	 * What {@code FeelEngine.Builder} builds for the engine (no external functions, the
	 * system clock), with both parse methods remembered by expression text.
	 */
	static class CachingFeelEngine extends FeelEngine {

		private final Cache<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = newCache();

		private final Cache<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = newCache();

		CachingFeelEngine(CustomFunctionTransformer functions, ValueMapper valueMapper) {
			super(functions, valueMapper, new FeelEngine.Configuration(false), ZonedDateTime::now);
		}

		@Override
		public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
			return unaryTests.get(expression, super::parseUnaryTests);
		}

		@Override
		public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
			return expressions.get(expression, super::parseExpression);
		}

		long parsed() {
			return unaryTests.estimatedSize() + expressions.estimatedSize();
		}

		private static Cache<String, Either<FeelEngine.Failure, ParsedExpression>> newCache() {
			return Caffeine.newBuilder().maximumSize(MAXIMUM_EXPRESSIONS).build();
		}

	}

}
