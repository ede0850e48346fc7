package io.adamant.training;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.adamant.NativeDefaults;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import io.adamant.job.JobSpec;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bare-DL4J engine of {@code bench/perf.sh}: for each configuration of
 * {@code bench/configs.json}, the network the service would build ({@link NetworkFactory}
 * from the same model spec, Adam, float32, the service's workspace modes) trained by a
 * plain {@code fit(features, labels)} loop on batches pre-materialised as INDArrays, no
 * listener; and, interleaved round by round with it, the service's training step: the
 * same network with the service's {@link TrainingMonitor} (telemetry, clipping,
 * divergence checks). Where the service changes how DL4J runs a network
 * ({@link LayerHelpers} for convolutions and LSTMs, {@link DirectAdam}, DL4J's cache mode
 * for CNNs), a third loop, interleaved too, trains the network as stock DL4J would, for
 * the before and after of that change. After a warm-up it times rounds of a fixed
 * wall-clock length and prints one {@code RESULT} JSON line per configuration (median and
 * best round, samples/s) plus one {@code ENV} line; {@code bench/perf.py} reads them.
 * With {@code PERF_AGAIN_ON_STDIN=1} it then reads configuration ids from standard input,
 * one a line, and times that configuration's bare loop alone again, in the same warm JVM,
 * printing another {@code RESULT} line, until standard input ends: the harness times bare
 * DL4J after each of the service's jobs that way.
 * <p>
 * Arguments: the configs file, then optionally the ids to run. Environment:
 * {@code PERF_WARMUP_SECONDS} (2), {@code PERF_ROUNDS} (9), {@code PERF_ROUND_SECONDS}
 * (1), {@code PERF_SERVICE_STEP} (1; 0 times the bare loop alone), {@code PERF_STOCK} (1;
 * 0 leaves out the stock loop), {@code PERF_BLAS_THREADS} (0: the service's thread count;
 * else OpenBLAS's own, for {@code bench/threads.sh}).
 */
public final class PerfBenchmark {

	/**
	 * Feature and label batches are paired by co-prime counts so that the network cannot
	 * memorise a few pairs and let its gradients vanish (shared/notes).
	 */
	private static final int FEATURE_BATCHES = 8;

	private static final int LABEL_BATCHES = 7;

	private PerfBenchmark() {
	}

	public static void main(String[] args) {
		NativeDefaults.apply();
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: PerfBenchmark <configs.json> [config id ...]");
		}
		double warmup = setting("PERF_WARMUP_SECONDS", 2);
		int rounds = (int) setting("PERF_ROUNDS", 9);
		double roundSeconds = setting("PERF_ROUND_SECONDS", 1);
		// the thread count the service's single worker chooses, so that both run alike
		NativeThreads.configure(0, 1);
		int blasThreads = (int) setting("PERF_BLAS_THREADS", 0);
		if (blasThreads > 0) {
			Nd4j.factory().blas().setMaxThreads(blasThreads);
		}
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode file = mapper.readTree(new File(args[0]));
		Set<String> only = Set.copyOf(Arrays.asList(args).subList(1, args.length));
		printEnvironment(mapper);
		Map<String, Loop> bareLoops = new HashMap<>();
		for (JsonNode config : file.path("configs")) {
			String id = config.path("id").asString();
			if (!only.isEmpty() && !only.contains(id)) {
				continue;
			}
			try {
				bareLoops.put(id, run(mapper, file.path("optimizer"), config, warmup, rounds, roundSeconds));
			}
			catch (RuntimeException ex) {
				printFailure(mapper, id, ex);
			}
		}
		if (setting("PERF_AGAIN_ON_STDIN", 0) > 0) {
			timeAgainOnRequest(mapper, bareLoops, warmup, rounds, roundSeconds);
		}
	}

	/**
	 * Times the bare loop of each configuration id read from standard input again, after
	 * the warm-up (the JIT's code stays; the caches have gone cold while it waited).
	 */
	private static void timeAgainOnRequest(JsonMapper mapper, Map<String, Loop> bareLoops, double warmup, int rounds,
			double roundSeconds) {
		BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try {
			for (String id = requests.readLine(); id != null; id = requests.readLine()) {
				Loop bare = bareLoops.get(id.strip());
				if (bare == null) {
					printFailure(mapper, id.strip(), new IllegalArgumentException("no bare loop for " + id));
					continue;
				}
				bare.fitFor(warmup);
				double[] rates = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					rates[round] = bare.fitFor(roundSeconds);
				}
				ObjectNode result = mapper.createObjectNode();
				result.put("id", id.strip());
				result.put("engine", "dl4j");
				putRounds(result, rates);
				System.out.println("RESULT " + mapper.writeValueAsString(result));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void printFailure(JsonMapper mapper, String id, RuntimeException ex) {
		ObjectNode failed = mapper.createObjectNode();
		failed.put("id", id);
		failed.put("error", ex.toString());
		System.out.println("RESULT " + mapper.writeValueAsString(failed));
	}

	/**
	 * Times a configuration, prints its {@code RESULT} line and returns its bare loop.
	 */
	private static Loop run(JsonMapper mapper, JsonNode optimizer, JsonNode config, double warmup, int rounds,
			double roundSeconds) {
		int batch = config.path("batchSize").asInt();
		DatasetInfo dataset = dataset(config);
		ObjectNode specJson = mapper.createObjectNode();
		specJson.putObject("dataset").put("name", "bench");
		specJson.set("model", config.path("model"));
		specJson.set("optimizer", optimizer);
		ObjectNode training = specJson.putObject("training");
		training.put("epochs", 1);
		training.put("batchSize", batch);
		training.put("seed", 42L);
		training.put("validationFraction", 0.0);
		JobSpec spec = mapper.treeToValue(specJson, JobSpec.class).withDefaults(() -> 42L);
		MultiLayerNetwork network = network(spec, dataset);
		List<INDArray> features = features(dataset, batch);
		List<INDArray> labels = labels(dataset, batch);
		Loop bare = new Loop(network, features, labels, batch);
		// the same network with the listener the service attaches, timed in rounds
		// interleaved with the bare ones so that both share the machine's noise
		Loop service = setting("PERF_SERVICE_STEP", 1) > 0 ? new Loop(monitored(spec, dataset), features, labels, batch)
				: null;
		// DL4J as it comes, where Adamant changes how the network runs (layer helpers,
		// its Adam, cache mode): the before of that change, side by side
		Loop stock = helpers(network) > 0 && setting("PERF_STOCK", 1) > 0
				? new Loop(stock(spec, dataset), features, labels, batch) : null;
		double[] rates = new double[rounds];
		double[] serviceRates = new double[rounds];
		double[] stockRates = new double[rounds];
		bare.fitFor(warmup);
		fitFor(service, warmup);
		fitFor(stock, warmup);
		for (int round = 0; round < rounds; round++) {
			// alternate the order so that neither side always follows the other
			if (round % 2 == 1) {
				serviceRates[round] = fitFor(service, roundSeconds);
				stockRates[round] = fitFor(stock, roundSeconds);
			}
			rates[round] = bare.fitFor(roundSeconds);
			if (round % 2 == 0) {
				serviceRates[round] = fitFor(service, roundSeconds);
				stockRates[round] = fitFor(stock, roundSeconds);
			}
		}
		ObjectNode result = mapper.createObjectNode();
		result.put("id", config.path("id").asString());
		result.put("engine", "dl4j");
		putRounds(result, rates);
		result.put("iterationMs", batch * 1000.0 / Medians.of(rates));
		result.put("parameters", network.numParams());
		result.put("finalScore", network.score());
		if (service != null) {
			putInterleaved(result, "serviceStep", serviceRates, ratios(serviceRates, rates));
		}
		if (stock != null) {
			// here the ratio is bare over stock: what the service's way of running gains
			putInterleaved(result, "stock", stockRates, ratios(rates, stockRates));
		}
		System.out.println("RESULT " + mapper.writeValueAsString(result));
		return bare;
	}

	/** The bare loop's rounds, their median and the best. */
	private static void putRounds(ObjectNode result, double[] rates) {
		result.put("samplesPerSecond", Medians.of(rates));
		result.put("bestSamplesPerSecond", Arrays.stream(rates).max().orElse(0));
		for (double rate : rates) {
			result.withArray("rounds").add(rate);
		}
	}

	/**
	 * A loop timed in rounds interleaved with the bare one: its rounds, their median and
	 * the median of the round-by-round ratios.
	 */
	private static void putInterleaved(ObjectNode result, String name, double[] rates, double[] ratios) {
		for (double rate : rates) {
			result.withArray(name + "Rounds").add(rate);
		}
		result.put(name + "SamplesPerSecond", Medians.of(rates));
		result.put(name + "Ratio", Medians.of(ratios));
	}

	private static double[] ratios(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int round = 0; round < ratios.length; round++) {
			ratios[round] = numerators[round] / denominators[round];
		}
		return ratios;
	}

	/** The network as the service's trainer sets it up. */
	private static MultiLayerNetwork network(JobSpec spec, DatasetInfo dataset) {
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, dataset, 1));
		network.init();
		LayerHelpers.install(network);
		ReusingLayers.install(network);
		LeanUpdaterBlock.install(network);
		DirectAdam.install(network);
		return network;
	}

	/**
	 * The same network without Adamant's layer helpers, reusing layers, lean updater
	 * blocks and Adam, and with DL4J's default cache mode.
	 */
	private static MultiLayerNetwork stock(JobSpec spec, DatasetInfo dataset) {
		MultiLayerConfiguration configuration = NetworkFactory.configure(spec, dataset, 1);
		configuration.setCacheMode(CacheMode.NONE);
		configuration.getConfs().forEach(layer -> layer.setCacheMode(CacheMode.NONE));
		MultiLayerNetwork network = new MultiLayerNetwork(configuration);
		network.init();
		return network;
	}

	/**
	 * Layers with one of Adamant's helpers or reusing layers, and updater blocks that are
	 * lean or have its Adam.
	 */
	private static int helpers(MultiLayerNetwork network) {
		return (int) Arrays.stream(network.getLayers()).filter(layer -> layer.getHelper() != null).count()
				+ ReusingLayers.install(network) + LeanUpdaterBlock.install(network) + DirectAdam.install(network);
	}

	/** Trains {@code loop}, where there is one, for about {@code seconds}. */
	private static double fitFor(Loop loop, double seconds) {
		return loop == null ? 0 : loop.fitFor(seconds);
	}

	/** A network with the service's listener: telemetry, clipping, divergence checks. */
	private static MultiLayerNetwork monitored(JobSpec spec, DatasetInfo dataset) {
		MultiLayerNetwork network = network(spec, dataset);
		TrainingMonitor monitor = new TrainingMonitor(network, spec.clipping(), spec.divergence(),
				spec.telemetry().perLayer());
		network.setListeners(monitor);
		monitor.startEpoch(1);
		return network;
	}

	/**
	 * A fit loop over the pre-made batches. Reading the score after each step, as the
	 * service's trainer does, costs the bare loop nothing: DL4J keeps it.
	 */
	private static final class Loop {

		private final MultiLayerNetwork network;

		private final List<INDArray> features;

		private final List<INDArray> labels;

		private final int batch;

		private long iterations;

		Loop(MultiLayerNetwork network, List<INDArray> features, List<INDArray> labels, int batch) {
			this.network = network;
			this.features = features;
			this.labels = labels;
			this.batch = batch;
		}

		/** Trains for about {@code seconds}; returns samples per second. */
		double fitFor(double seconds) {
			long start = System.nanoTime();
			long end = start + (long) (seconds * 1e9);
			long done = 0;
			long now;
			do {
				try {
					this.network.fit(this.features.get((int) (this.iterations % FEATURE_BATCHES)),
							this.labels.get((int) (this.iterations % LABEL_BATCHES)));
				}
				catch (Anomaly.Rejected rejected) {
					// the monitor refused a step: it cost as much as a taken one
				}
				this.network.score();
				this.iterations++;
				done++;
				now = System.nanoTime();
			}
			while (now < end);
			return done * this.batch / ((now - start) / 1e9);
		}

	}

	/** The dataset as the service describes it, from the config's input description. */
	private static DatasetInfo dataset(JsonNode config) {
		InputKind kind = InputKind.valueOf(config.path("input").path("kind").asString().toUpperCase(Locale.ROOT));
		List<Integer> shape = new ArrayList<>();
		config.path("input").path("shape").forEach(size -> shape.add(size.asInt()));
		int features = shape.stream().reduce(1, (a, b) -> a * b);
		DatasetTask task = DatasetTask.valueOf(config.path("task").asString().toUpperCase(Locale.ROOT));
		return new DatasetInfo("bench", task, kind, List.copyOf(shape), features, config.path("outputs").asInt(),
				config.path("perStepLabels").asBoolean(), 0, true, List.of(), "bench", "bench");
	}

	/**
	 * Features as the service hands them to the network: flat rows (images too: the
	 * network's input type reshapes them), sequences as [rows, features per step, steps].
	 */
	private static List<INDArray> features(DatasetInfo dataset, int batch) {
		Nd4j.getRandom().setSeed(1);
		List<INDArray> batches = new ArrayList<>();
		for (int i = 0; i < FEATURE_BATCHES; i++) {
			batches.add(dataset.input() == InputKind.SEQUENCE
					? Nd4j.randn(DataType.FLOAT, batch, dataset.shape().get(0), dataset.steps())
					: Nd4j.randn(DataType.FLOAT, batch, dataset.features()));
		}
		return batches;
	}

	/**
	 * One-hot classes for classification, standard-normal targets for regression, per
	 * step for per-step labels.
	 */
	private static List<INDArray> labels(DatasetInfo dataset, int batch) {
		Nd4j.getRandom().setSeed(2);
		List<INDArray> batches = new ArrayList<>();
		Random classes = new Random(2);
		for (int i = 0; i < LABEL_BATCHES; i++) {
			if (dataset.task() == DatasetTask.CLASSIFICATION) {
				INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, dataset.outputs());
				for (int row = 0; row < batch; row++) {
					oneHot.putScalar(row, classes.nextInt(dataset.outputs()), 1.0);
				}
				batches.add(oneHot);
			}
			else if (dataset.perStepLabels()) {
				batches.add(Nd4j.randn(DataType.FLOAT, batch, dataset.outputs(), dataset.steps()));
			}
			else {
				batches.add(Nd4j.randn(DataType.FLOAT, batch, dataset.outputs()));
			}
		}
		return batches;
	}

	private static void printEnvironment(JsonMapper mapper) {
		ObjectNode environment = mapper.createObjectNode();
		environment.put("javaVersion", System.getProperty("java.version"));
		environment.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
		environment.put("availableProcessors", Runtime.getRuntime().availableProcessors());
		environment.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		environment.put("nd4jBackend", Nd4j.getBackend().getClass().getName());
		Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
		for (Object key : info.keySet()) {
			String name = String.valueOf(key);
			if (name.startsWith("omp") || name.startsWith("blas") || name.startsWith("cpu")) {
				environment.put("nd4j." + name, String.valueOf(info.get(key)));
			}
		}
		environment.put("blasThreads", Nd4j.factory().blas().getMaxThreads());
		environment.put("blasLibrary", libraryOf("cblas_sgemm"));
		System.out.println("ENV " + mapper.writeValueAsString(environment));
	}

	/**
	 * The library file that {@code symbol} resolves to in the process's global scope:
	 * which OpenBLAS ND4J's calls reach (the bundled one, or one {@code LD_PRELOAD} put
	 * first).
	 */
	private static String libraryOf(String symbol) {
		Pointer address = Loader.addressof(symbol);
		if (address == null) {
			return "unknown";
		}
		try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
			return maps.map(line -> line.split("\\s+"))
				.filter(fields -> fields.length >= 6 && contains(fields[0], address.address()))
				.map(fields -> fields[5])
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException | UncheckedIOException ex) {
			return "unknown";
		}
	}

	/**
	 * Whether a {@code /proc/self/maps} range ("start-end", hex) holds {@code address}.
	 */
	private static boolean contains(String range, long address) {
		String[] bounds = range.split("-");
		return Long.compareUnsigned(Long.parseUnsignedLong(bounds[0], 16), address) <= 0
				&& Long.compareUnsigned(address, Long.parseUnsignedLong(bounds[1], 16)) < 0;
	}

	private static double setting(String name, double fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
	}

}
