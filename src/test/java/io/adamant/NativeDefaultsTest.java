package io.adamant;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.commons.lang3.RandomUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * commons-lang3's static {@code RandomUtils} methods, which ND4J calls for every native
 * buffer, reuse one SHA1PRNG per thread once {@link NativeDefaults#apply()} ran. Fails
 * when a commons-lang3 upgrade moves the field it replaces.
 */
class NativeDefaultsTest {

	@Test
	void randomUtilsReuseOneSecureRandomPerThread() throws Exception {
		assertThat(NativeDefaults.reuseSecureRandoms()).isTrue();
		Object here = currentRandom();
		assertThat(currentRandom()).isSameAs(here);
		assertThat(here).isInstanceOf(java.security.SecureRandom.class);
		assertThat(((java.security.SecureRandom) here).getAlgorithm()).isEqualTo("SHA1PRNG");
		assertThat(CompletableFuture.supplyAsync(NativeDefaultsTest::currentRandomUnchecked).get())
			.as("another thread's")
			.isNotSameAs(here);

		Set<Integer> drawn = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			int value = RandomUtils.nextInt(0, 4);
			assertThat(value).isBetween(0, 3);
			drawn.add(value);
		}
		assertThat(drawn).containsExactlyInAnyOrder(0, 1, 2, 3);
	}

	/** What the static methods draw from on this thread. */
	private static Object currentRandom() throws ReflectiveOperationException {
		Field secure = RandomUtils.class.getDeclaredField("SECURE");
		secure.setAccessible(true);
		Field random = RandomUtils.class.getDeclaredField("random");
		random.setAccessible(true);
		return ((Supplier<?>) random.get(secure.get(null))).get();
	}

	private static Object currentRandomUnchecked() {
		try {
			return currentRandom();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
