package io.adamant;

import java.lang.ref.Reference;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU executioner, with broadcast operations' operands kept reachable until the
 * native call returns. ND4J M2.1's {@code exec(BroadcastOp, OpContext)} does not use the
 * operation after handing its buffers to native code, so compiled code may let it go: a
 * garbage collection during the call then lets ND4J's deallocator thread free the
 * operation's dimension buffer (held by nothing else) while native code is about to read
 * it. The service died of exactly that twice ({@code SIGSEGV} in
 * {@code sd::DataBuffer::primary()} under {@code execBroadcast}, from DL4J's bias add),
 * more likely the more often young collections run and the longer the training thread
 * waits for a core. The other operation kinds use the operation after the call. Installed
 * by {@link NativeDefaults#apply()} through ND4J's {@code opexec} property.
 */
public class ReachableOpExecutioner extends NativeOpExecutioner {

	@Override
	public INDArray exec(BroadcastOp op, OpContext context) {
		try {
			return super.exec(op, context);
		}
		finally {
			Reference.reachabilityFence(op);
			Reference.reachabilityFence(context);
		}
	}

}
