package io.parcours.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ParcoursTest
class DiscountCodesIntegrationTests {

	static final Offer TEN_PERCENT = new Offer(10, 7);

	@Autowired
	DiscountCodes codes;

	@Test
	void aRetriedStepGetsTheCodeItWasFirstIssued() {
		String key = TestContacts.newId("pi") + "/Task_IssueCode/job:1";

		DiscountCode first = codes.issue(key, "cart-recovery", TEN_PERCENT, "c-1", "abandoned-cart", "pi-1");
		DiscountCode again = codes.issue(key, "cart-recovery", TEN_PERCENT, "c-1", "abandoned-cart", "pi-1");

		assertThat(again.code()).isEqualTo(first.code());
		assertThat(first.code()).hasSize(DiscountCodes.LENGTH).matches("[" + DiscountCodes.ALPHABET + "]+");
		assertThat(first.percent()).isEqualTo(10);
		assertThat(first.validUntil()).isEqualTo(first.issuedAt().plus(java.time.Duration.ofDays(7)));
	}

	@Test
	void codesIssuedByConcurrentJourneysAreAllDifferent() throws Exception {
		String run = TestContacts.newId("run");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> issued = IntStream.range(0, 400)
				.mapToObj(i -> pool.submit(() -> codes
					.issue(run + "/" + i, "cart-recovery", TEN_PERCENT, "c-" + i, "abandoned-cart", "pi-" + i)
					.code()))
				.toList();
			List<String> all = issued.stream().map(DiscountCodesIntegrationTests::get).toList();
			assertThat(all).hasSize(400).doesNotHaveDuplicates();
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aCodeIsRedeemedOnce() {
		DiscountCode code = codes.issue(TestContacts.newId("key"), "reactivation", new Offer(15, 14), "c-2",
				"reactivation", "pi-2");

		assertThat(codes.redeem(code.code(), "c-2", "order-1", Instant.now())).isTrue();
		assertThat(codes.redeem(code.code(), "c-2", "order-2", Instant.now())).isFalse();
		assertThat(codes.find(code.code())).get().extracting(DiscountCode::redeemedByOrder).isEqualTo("order-1");
		assertThat(codes.redeem("NO-SUCH-CODE", "c-2", "order-3", Instant.now())).isFalse();
	}

	/** A test run's scripted order quoting a real customer's code leaves it theirs. */
	@Test
	void anOrderOfAnotherContactLeavesTheCodeUnused() {
		DiscountCode code = codes.issue(TestContacts.newId("key"), "cart-recovery", TEN_PERCENT, "c-3",
				"abandoned-cart", "pi-3");

		assertThat(codes.redeem(code.code(), "test-run:tr-1:c-3", "test-run:tr-1:o-1", Instant.now())).isFalse();
		assertThat(codes.find(code.code())).get().extracting(DiscountCode::redeemedByOrder).isNull();
		assertThat(codes.redeem(code.code(), "c-3", "o-1", Instant.now())).isTrue();
	}

	private static String get(Future<String> future) {
		try {
			return future.get();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
