package io.adamant.training;

import java.util.List;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's updater block without the regularisation passes that have nothing to apply.
 * Before and after the updater, DL4J's {@code UpdaterBlock} makes a parameter view and a
 * gradient view of every variable in the block (a reshape and an interval each: new
 * arrays and shape buffers) and only then finds that the variable has no L1, L2 or weight
 * decay for that step. On a small network that was 8.7% of a training step. This block
 * asks the configurations first; where a variable does have regularisation, DL4J's code
 * runs as before.
 */
final class LeanUpdaterBlock extends UpdaterBlock {

	private LeanUpdaterBlock(UpdaterBlock stock) {
		super(stock.getParamOffsetStart(), stock.getParamOffsetEnd(), stock.getUpdaterViewOffsetStart(),
				stock.getUpdaterViewOffsetEnd(), stock.getLayersAndVariablesInBlock());
		setUpdaterView(stock.getUpdaterView());
		setGradientView(stock.getGradientView());
		setUpdaterViewRequiresInitialization(stock.isUpdaterViewRequiresInitialization());
		setGradientUpdater(stock.getGradientUpdater());
	}

	/**
	 * Puts a lean block in place of each of the network's updater blocks. DL4J makes its
	 * updater anew when a learning rate is set, so call it again after that.
	 * @return how many blocks are lean afterwards
	 */
	static int install(MultiLayerNetwork network) {
		Updater updater = network.getUpdater();
		if (!(updater instanceof BaseMultiLayerUpdater<?> layers)) {
			return 0;
		}
		List<UpdaterBlock> blocks = layers.getUpdaterBlocks();
		for (int index = 0; index < blocks.size(); index++) {
			if (blocks.get(index).getClass() == UpdaterBlock.class) {
				blocks.set(index, new LeanUpdaterBlock(blocks.get(index)));
			}
		}
		return (int) blocks.stream().filter(LeanUpdaterBlock.class::isInstance).count();
	}

	@Override
	protected void applyRegularizationAllVariables(Regularization.ApplyStep applyStep, int iteration, int epoch,
			boolean externalGradient, INDArray fullNetworkGradientView, INDArray fullNetworkParamsArray) {
		if (regularises(applyStep)) {
			super.applyRegularizationAllVariables(applyStep, iteration, epoch, externalGradient,
					fullNetworkGradientView, fullNetworkParamsArray);
		}
	}

	/** Read on every step: configurations can change between steps. */
	private boolean regularises(Regularization.ApplyStep applyStep) {
		for (ParamState variable : getLayersAndVariablesInBlock()) {
			List<Regularization> regularisations = variable.getLayer()
				.getConfig()
				.getRegularizationByParam(variable.getParamName());
			if (regularisations != null
					&& regularisations.stream().anyMatch(regularisation -> regularisation.applyStep() == applyStep)) {
				return true;
			}
		}
		return false;
	}

}
