// Stripe.js's Payment Element, for the storefront in AWS: the card is typed into Stripe's own frame and becomes a
// payment method at Stripe; the page gets only its id. Stripe.js is always loaded from js.stripe.com, as Stripe requires.
let stripe;
let elements;

function loadStripe() {
    if (window.Stripe) {
        return Promise.resolve(window.Stripe);
    }

    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'https://js.stripe.com/v3/';
        script.addEventListener('load', () => resolve(window.Stripe));
        script.addEventListener('error', () => reject(new Error('Stripe.js could not be loaded.')));
        document.head.appendChild(script);
    });
}

// Draws the Payment Element in host, for an authorization of amountInCents (captured when the order ships).
export async function mount(host, publishableKey, amountInCents) {
    const Stripe = await loadStripe();
    stripe ??= Stripe(publishableKey);
    elements = stripe.elements({
        mode: 'payment',
        amount: amountInCents,
        currency: 'usd',
        captureMethod: 'manual',
        paymentMethodCreation: 'manual',
        paymentMethodTypes: ['card'],
    });
    elements.create('payment').mount(host);
}

// [id, null] for the payment method made, or [null, message] with Stripe's words for the shopper.
export async function createPaymentMethod() {
    if (!elements) {
        return [null, null];
    }

    const submitted = await elements.submit();
    if (submitted.error) {
        return [null, submitted.error.message];
    }

    const { paymentMethod, error } = await stripe.createPaymentMethod({ elements });
    return error ? [null, error.message] : [paymentMethod.id, null];
}
