// `npm run deploy-commands`: registers the slash commands and prints what it registered.
import dotenv from 'dotenv';
import { loadConfig } from '../config.js';
import { explainRegistrationError, registerCommands } from './register-commands.js';

dotenv.config({ quiet: true });

try {
  const registration = await registerCommands(loadConfig());
  const where = registration.scope === 'guild' ? `in server ${registration.guildId}` : 'globally';
  console.log(`Registered ${registration.names.length} commands ${where}: ${registration.names.map((name) => `/${name}`).join(' ')}`);
} catch (error) {
  console.error(explainRegistrationError(error));
  process.exitCode = 1;
}
