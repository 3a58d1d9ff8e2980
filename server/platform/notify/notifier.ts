import type { Courier, OutgoingMessage } from './message.ts';

export class DeliveryUnavailableError extends Error {}

/** Routes each message to the courier for its channel; in development a copy goes to the outbox. */
export class Notifier {
  constructor(private readonly couriers: { email?: Courier; sms?: Courier; outbox?: Courier }) {}

  async send(message: OutgoingMessage): Promise<void> {
    const courier = this.couriers[message.channel];
    if (this.couriers.outbox) await this.couriers.outbox.deliver(message);
    if (courier) await courier.deliver(message);
    else if (!this.couriers.outbox) throw new DeliveryUnavailableError(`no ${message.channel} delivery is configured`);
  }
}
