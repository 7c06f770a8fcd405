//! Where the user is in the recovery: an ordered list of steps; earlier ones can be revisited.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    /// Accessible name of the list, e.g. "Recovery steps".
    pub label: AttrValue,
    /// The steps' names, in order.
    pub names: Vec<AttrValue>,
    /// Index of the current step.
    pub current: usize,
    /// Index of the furthest step reached: steps up to it can be opened.
    pub reached: usize,
    pub onopen: Callback<usize>,
}

#[function_component(Steps)]
pub fn steps(props: &StepsProps) -> Html {
    html! {
        <nav class="steps" aria-label={props.label.clone()}>
            <ol>
                { for props.names.iter().enumerate().map(|(i, name)| {
                    let here = i == props.current;
                    let open = props.onopen.reform(move |_: MouseEvent| i);
                    let label = format!("{}. {}", i + 1, name);
                    html! {
                        <li class={classes!(here.then_some("current"), (i < props.current).then_some("done"))}>
                            if i <= props.reached && !here {
                                <button type="button" class="step" onclick={open}>{ label }</button>
                            } else {
                                <span class="step" aria-current={here.then_some("step")}>{ label }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
