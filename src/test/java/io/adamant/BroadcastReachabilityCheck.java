package io.adamant;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;

/**
 * Run in a JVM of its own by {@link BroadcastReachabilityTest} (it may crash): collects
 * garbage at the moment ND4J's executioner hands a broadcast to native code, waits for
 * ND4J's deallocator threads, then lets the call go on. With operands that compiled code
 * let go of, the native call reads freed memory. Argument {@code stock} leaves ND4J's own
 * executioner in place (to see the failure).
 */
public final class BroadcastReachabilityCheck {

	private static volatile boolean collectBeforeBroadcast;

	private BroadcastReachabilityCheck() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("stock")) {
			System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
		}
		else {
			NativeDefaults.apply();
		}
		interceptBroadcasts();
		INDArray rows = Nd4j.create(DataType.FLOAT, 64, 10);
		INDArray bias = Nd4j.ones(DataType.FLOAT, 1, 10);
		// until the JIT has compiled the executioner
		for (int i = 0; i < 50_000; i++) {
			rows.addiRowVector(bias);
		}
		collectBeforeBroadcast = true;
		for (int i = 0; i < 20; i++) {
			rows.addiRowVector(bias);
		}
		System.out.println(
				"executioner " + Nd4j.getExecutioner().getClass().getName() + ", rows[0][0] " + rows.getFloat(0, 0));
	}

	private static void interceptBroadcasts() throws ReflectiveOperationException {
		Object executioner = Nd4j.getExecutioner();
		Field loop = findLoop(executioner.getClass());
		loop.setAccessible(true);
		NativeOps ops = (NativeOps) loop.get(executioner);
		loop.set(executioner, Proxy.newProxyInstance(NativeOps.class.getClassLoader(),
				new Class<?>[] { NativeOps.class }, (proxy, method, arguments) -> {
					if (collectBeforeBroadcast && method.getName().equals("execBroadcast")) {
						System.gc();
						// ND4J's deallocator threads free what the collection found
						Thread.sleep(50);
					}
					try {
						return method.invoke(ops, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				}));
	}

	private static Field findLoop(Class<?> type) throws NoSuchFieldException {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			try {
				return current.getDeclaredField("loop");
			}
			catch (NoSuchFieldException ex) {
				// declared higher up
			}
		}
		throw new NoSuchFieldException("loop");
	}

}
