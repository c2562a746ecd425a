// The handler shapes: one function per channel, grouped per domain, all of them required.
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract.js';

export type Handler<C extends Channel> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;

/** A domain's share of the channels. */
export type HandlersFor<K extends Channel> = { [C in K]: Handler<C> };

/** Every channel: composing the domains into this type fails the build when one lacks a handler. */
export type HandlerMap = HandlersFor<Channel>;
