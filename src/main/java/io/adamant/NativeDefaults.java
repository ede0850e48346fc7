package io.adamant;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Supplier;

import org.apache.commons.lang3.RandomUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JVM-wide settings for ND4J's native backend that must be in place before it loads.
 */
public final class NativeDefaults {

	private static final Logger log = LoggerFactory.getLogger(NativeDefaults.class);

	private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

	private static final String OP_EXECUTIONER = "opexec";

	/** By name: the CUDA build (-Pcuda) does not compile it. */
	private static final String REACHABLE_EXECUTIONER = "io.adamant.ReachableOpExecutioner";

	private static final ThreadLocal<SecureRandom> SECURE_RANDOMS = ThreadLocal
		.withInitial(NativeDefaults::newSecureRandom);

	private NativeDefaults() {
	}

	/**
	 * JavaCPP otherwise checks the process's memory on every native allocation, which
	 * roughly doubled a small network's iteration time (shared/notes). An explicit
	 * setting wins. And see {@link #keepBroadcastOperandsReachable()} and
	 * {@link #reuseSecureRandoms()}.
	 */
	public static void apply() {
		if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
			System.setProperty(MAX_PHYSICAL_BYTES, "0");
		}
		keepBroadcastOperandsReachable();
		reuseSecureRandoms();
	}

	/**
	 * Has ND4J's CPU backend run its operations through {@code ReachableOpExecutioner}
	 * (ND4J reads the class from the {@code opexec} property, and system properties win).
	 * An explicit setting wins; other backends (CUDA) are left alone.
	 * @return whether ND4J will load the reachable executioner
	 */
	static boolean keepBroadcastOperandsReachable() {
		if (System.getProperty(OP_EXECUTIONER) == null && loadable(REACHABLE_EXECUTIONER)) {
			System.setProperty(OP_EXECUTIONER, REACHABLE_EXECUTIONER);
		}
		return REACHABLE_EXECUTIONER.equals(System.getProperty(OP_EXECUTIONER));
	}

	/**
	 * The CUDA build leaves the reachable executioner out, and it does not load without
	 * the CPU backend it extends.
	 */
	private static boolean loadable(String className) {
		try {
			Class.forName(className, false, NativeDefaults.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * SHA1PRNG, seeded from the OS: after that one SHA-1 per 20 bytes, without the lock
	 * and the reads of {@code /dev/urandom} of the default NativePRNG (2.6% of the step)
	 * or the hashing per call of DRBG (6.3%).
	 */
	static SecureRandom newSecureRandom() {
		try {
			return SecureRandom.getInstance("SHA1PRNG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	/**
	 * Makes commons-lang3's static {@code RandomUtils} methods draw from one
	 * {@link SecureRandom} per thread. Since 3.16 they build a new one for every call,
	 * and ND4J calls {@code RandomUtils.nextInt} for every native buffer it creates
	 * ({@code DeallocatorService.pickObject}, to pick a deallocator thread): 6.7% of the
	 * small MLP's training thread in a profile, with a provider lookup, reflection and a
	 * read of {@code /dev/urandom} each time. A SecureRandom that is used again is as
	 * secure as a new one. Should a later commons-lang3 lack the private field, this logs
	 * and leaves it ({@code NativeDefaultsTest} fails for that version).
	 * @return whether the static methods now reuse one instance per thread
	 */
	static boolean reuseSecureRandoms() {
		try {
			Constructor<RandomUtils> constructor = RandomUtils.class.getDeclaredConstructor(Supplier.class);
			constructor.setAccessible(true);
			Supplier<Random> perThread = SECURE_RANDOMS::get;
			Field secure = RandomUtils.class.getDeclaredField("SECURE");
			secure.setAccessible(true);
			secure.set(null, constructor.newInstance(perThread));
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.warn("commons-lang3's RandomUtils builds a SecureRandom per call; left as it is: {}", ex.toString());
			return false;
		}
	}

}
