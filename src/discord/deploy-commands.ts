// `npm run deploy-commands`: registers the slash commands and prints what it registered.
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../config.js';
import { registerCommands } from './register-commands.js';

dotenv.config({ quiet: true });

try {
  const registration = await registerCommands(loadConfig());
  const where = registration.scope === 'guild' ? `in server ${registration.guildId}` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${registration.names.length} commands ${where}: ${registration.names.map((name) => `/${name}`).join(' ')}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`Could not register commands: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
