import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every jar of a folder fetched by Maven (see test/lab/bootstrap/ensure.mjs), minus the exclusions. */
export function classpath(dir: string, exclude: RegExp[] = []): string {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jar') && !exclude.some((re) => re.test(file)))
    .map((file) => join(dir, file))
    .join(':');
}

/** JVM flags shared by the lab's brokers and Connect: explicit heap, small footprint. */
export function jvmFlags(heap: string, log4jConfig: string): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=50',
    '-XX:MaxMetaspaceSize=256m',
    '-XX:ReservedCodeCacheSize=64m',
    '-XX:TieredStopAtLevel=1',
    '-Xss512k',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jConfig}`,
  ];
}

export const LOG4J2_PROPERTIES = `status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = org.apache.kafka
logger.kafka.level = INFO
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
`;
